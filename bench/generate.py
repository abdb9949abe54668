"""Build a library of any size, quickly, for the benchmark and the speed tests.

    python -m bench.generate --size 10000          # into DATABASE_URL, or db.sqlite3

Rows go in with bulk_create in batches (no per-row save(), no signals), so
10,000 resources take seconds rather than minutes. Bodies are Markdown made of
headings and paragraphs, and `body_html` is the HTML that `render_markdown`
gives for exactly that Markdown (tests/speed checks they agree), built
directly because running Markdown over a gigabyte of text is the slow part.

The shape follows the real library (see resources/demo): 15 themes, 15
formats, 60 publishers, summaries of 40-90 words, bodies of 500-3,000 words,
5% seminars spread over the past and the next year, 400 weekly updates of 8
programme items with reminders, publications and contacts.

Dates and times are relative to `now` (default: the moment it runs), never to
a fixed time of day: what is meant to be live is live whenever it is made,
just after midnight as at noon. A resource or an update dated today goes live
at its usual hour (09:00 and 08:00, London time) or at `now`, whichever is
earlier; seminars start between 09:00 and 17:00 London time on a day at least
one day away, so a past one is never today.
"""

import argparse
import math
import random
import sys
from datetime import datetime, time, timedelta

VERSION = 4  # bump when the generated data changes shape: cached databases rebuild

THEMES = [
    "Leadership",
    "Safeguarding",
    "Early help",
    "Children in care",
    "Care leavers",
    "SEND",
    "Education",
    "Workforce",
    "Mental health",
    "Youth justice",
    "Family support",
    "Inspection",
    "Finance",
    "Partnerships",
    "Digital and data",
]
FORMATS = [
    ("Report", "read"),
    ("Think piece", "read"),
    ("Briefing", "read"),
    ("Paper", "read"),
    ("Presentation", "read"),
    ("Video", "watch"),
    ("Podcast", "listen"),
    ("Toolkit", "read"),
    ("Seminar", "watch"),
    ("Case study", "read"),
    ("Guidance", "read"),
    ("Blog", "read"),
    ("Webinar", "watch"),
    ("Survey", "read"),
    ("Interview", "listen"),
]
SEMINAR_FORMAT = "Seminar"
AUDIENCES = [
    "Directors of children’s services",
    "Assistant directors",
    "Heads of service",
    "Headteachers",
    "Social work leaders",
    "Lead members",
]
VOCABULARY = """
children young people families carers leaders services council local authority
partnership safeguarding practice social work early help support outcomes
education schools inclusion attendance exclusion special needs disability
placement fostering adoption residential care leavers corporate parenting
sufficiency commissioning budget finance pressure demand workforce recruitment
retention supervision caseload inspection Ofsted judgement improvement plan
quality assurance audit data evidence research report findings recommendations
reform policy government department funding grant pilot programme region
sector-led peer review challenge network conference seminar webinar briefing
toolkit guidance framework model approach relational restorative trauma-informed
mental health wellbeing resilience youth justice exploitation contextual risk
harm neglect domestic abuse poverty housing health integrated care board NHS
police schools multi-agency threshold referral assessment plan review
outcome measure voice lived experience participation co-production engagement
transition adulthood independence employment training apprenticeship
community neighbourhood family hubs Start for Life prevention intervention
leadership culture strategy vision values governance accountability scrutiny
the a of and to in for with on by that this is are was were be from as at
their our its which have has will can should must more most new across between
""".split()
STOPWORDS = set(
    "the a of and to in for with on by that this is are was were be from as at".split()
)
TITLE_WORDS = [word for word in VOCABULARY if word not in STOPWORDS]


def sentence(rng, low=8, high=24):
    words = rng.choices(VOCABULARY, k=rng.randint(low, high))
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def paragraph(rng):
    return " ".join(sentence(rng) for _ in range(rng.randint(3, 7)))


def title(rng):
    words = rng.choices(TITLE_WORDS, k=rng.randint(4, 9))
    return " ".join(words).capitalize()


def body(rng, words_wanted):
    """Markdown of about `words_wanted` words, and the HTML render_markdown gives for it."""
    markdown, html, words = [], [], 0
    while words < words_wanted:
        if len(markdown) % 5 == 0:
            heading = title(rng)
            markdown.append(f"## {heading}")
            html.append(f"<h2>{heading}</h2>")
            words += len(heading.split())
        text = paragraph(rng)
        markdown.append(text)
        html.append(f"<p>{text}</p>")
        words += len(text.split())
    return "\n\n".join(markdown), "\n".join(html), words


def progress(label, done, total, stream=sys.stderr):
    if not stream.isatty() and done not in (0, total):
        return
    width = 30
    filled = int(width * done / total) if total else width
    stream.write(f"\r  {label:<22} [{'#' * filled}{'.' * (width - filled)}] {done:>7}/{total}")
    if done == total:
        stream.write("\n")
    stream.flush()


def batched_create(model, rows, label, batch_size=1000, quiet=False):
    created = []
    for start in range(0, len(rows), batch_size):
        created += model.objects.bulk_create(rows[start : start + batch_size])
        if not quiet:
            progress(label, min(start + batch_size, len(rows)), len(rows))
    return created


def generate(
    size=10_000,
    updates=400,
    items_per_update=8,
    seed=1,
    quiet=False,
    body_words=(500, 3000),
    now=None,
):
    """Fill an empty database with `size` resources and `updates` weekly updates.

    Everything dated is placed relative to `now` (an aware datetime; default the
    current time): the newest update is issued on `now`'s London date, and
    nothing meant to be live has a publish time after `now`.
    """
    from django.db import transaction
    from django.utils import timezone
    from django.utils.text import slugify

    from newsletters.models import Bulletin, Contact, ProgrammeItem, Publication
    from resources.models import WORDS_PER_MINUTE, Audience, Format, Publisher, Resource, Theme

    rng = random.Random(seed)
    now = now or timezone.now()
    today = timezone.localdate(now)

    def live_from(day, hour):
        """`hour` o'clock (London) on `day`, or `now` if that is still to come."""
        return min(timezone.make_aware(datetime.combine(day, time(hour))), now)

    def local_time(day, hour):
        return timezone.make_aware(datetime.combine(day, time(hour)))

    with transaction.atomic():
        themes = batched_create(
            Theme,
            [
                Theme(name=name, slug=slugify(name), order=i, introduction=paragraph(rng))
                for i, name in enumerate(THEMES)
            ],
            "themes",
            quiet=quiet,
        )
        formats = batched_create(
            Format,
            [
                Format(name=name, slug=slugify(name), duration_verb=verb, order=i)
                for i, (name, verb) in enumerate(FORMATS)
            ],
            "formats",
            quiet=quiet,
        )
        seminar = next(f for f in formats if f.name == SEMINAR_FORMAT)
        others = [f for f in formats if f is not seminar]
        publishers = batched_create(
            Publisher,
            [
                Publisher(
                    name=f"{title(rng)} {i}",
                    slug=f"publisher-{i}",
                    website=f"https://publisher-{i}.example.org/",
                )
                for i in range(60)
            ],
            "publishers",
            quiet=quiet,
        )
        audiences = batched_create(
            Audience,
            [Audience(name=name, slug=slugify(name), order=i) for i, name in enumerate(AUDIENCES)],
            "audiences",
            quiet=quiet,
        )

        resources = []
        batch = []
        for i in range(size):
            is_seminar = i % 20 == 0  # 5%, alternately past and future
            text, html, words = body(rng, rng.randint(*body_words))
            published_on = today - timedelta(days=rng.randint(0, 3650))
            published_at = live_from(published_on, 9)
            if rng.random() < 0.02:
                published_at = None  # a draft
            starts_at = ends_at = None
            if is_seminar:
                days = rng.randint(1, 365) * (1 if i % 40 == 0 else -1)
                starts_at = local_time(today + timedelta(days=days), 9 + rng.randint(0, 8))
                ends_at = starts_at + timedelta(hours=2)
            name = title(rng)
            batch.append(
                Resource(
                    title=name,
                    slug=f"{slugify(name)[:180]}-{i}",
                    format=seminar if is_seminar else rng.choice(others),
                    summary=" ".join(sentence(rng) for _ in range(rng.randint(3, 5))),
                    body=text,
                    body_html=html,
                    word_count=words,
                    estimated_minutes=max(1, math.ceil(words / WORDS_PER_MINUTE)),
                    credit=f"A {title(rng).lower()} by the team" if rng.random() < 0.3 else "",
                    publisher=rng.choice(publishers) if rng.random() < 0.9 else None,
                    published_on=published_on,
                    published_at=published_at,
                    duration_minutes=rng.choice([None, None, None, 20, 45, 90]),
                    external_url=f"https://example.org/resources/{i}"
                    if rng.random() < 0.5
                    else "",
                    starts_at=starts_at,
                    ends_at=ends_at,
                    venue="Online" if is_seminar else "",
                    booking_url=f"https://example.org/book/{i}" if is_seminar else "",
                    is_featured=rng.random() < 0.01,
                )
            )
            if len(batch) == 1000 or i == size - 1:
                resources += Resource.objects.bulk_create(batch)
                batch = []
                if not quiet:
                    progress("resources", len(resources), size)

        ThemeLink = Resource.themes.through
        AudienceLink = Resource.audiences.through
        links = [
            ThemeLink(resource_id=r.pk, theme_id=t.pk)
            for r in resources
            for t in rng.sample(themes, rng.randint(1, 3))
        ]
        batched_create(ThemeLink, links, "resource themes", 5000, quiet)
        links = [
            AudienceLink(resource_id=r.pk, audience_id=a.pk)
            for r in resources
            for a in rng.sample(audiences, rng.randint(0, 2))
        ]
        batched_create(AudienceLink, links, "resource audiences", 5000, quiet)

        contacts = batched_create(
            Contact,
            [
                Contact(
                    name=f"Contact {i}",
                    role="Programme manager",
                    organisation=title(rng),
                    email=f"contact{i}@example.org",
                    phone="07700 900000",
                )
                for i in range(40)
            ],
            "contacts",
            quiet=quiet,
        )

        first_issue = today - timedelta(weeks=updates - 1)
        bulletins = batched_create(
            Bulletin,
            [
                Bulletin(
                    number=n + 1,
                    issued_on=first_issue + timedelta(weeks=n),
                    introduction=paragraph(rng),
                    introduction_html="",
                    published_at=live_from(first_issue + timedelta(weeks=n), 8),
                )
                for n in range(updates)
            ],
            "updates",
            quiet=quiet,
        )
        for bulletin in bulletins:
            bulletin.introduction_html = f"<p>{bulletin.introduction}</p>"
        Bulletin.objects.bulk_update(bulletins, ["introduction_html"], batch_size=500)

        items = []
        for bulletin in bulletins:
            for order in range(1, items_per_update + 1):
                update_text, action_text = paragraph(rng), sentence(rng)
                has_deadline = rng.random() < 0.4
                items.append(
                    ProgrammeItem(
                        bulletin=bulletin,
                        order=order,
                        title=title(rng),
                        update=update_text,
                        update_html=f"<p>{update_text}</p>",
                        action_required=action_text,
                        action_required_html=f"<p>{action_text}</p>",
                        action_deadline=bulletin.issued_on + timedelta(days=rng.randint(7, 60))
                        if has_deadline
                        else None,
                        resource=rng.choice(resources) if rng.random() < 0.2 else None,
                    )
                )
        items = batched_create(ProgrammeItem, items, "programme items", 2000, quiet)

        publications = batched_create(
            Publication,
            [
                Publication(
                    title=title(rng),
                    publisher=rng.choice(publishers).name,
                    published_on=today - timedelta(days=rng.randint(0, 3650)),
                    url=f"https://example.org/publications/{i}",
                )
                for i in range(updates * 3)
            ],
            "publications",
            quiet=quiet,
        )

        by_bulletin = {}
        for item in items:
            by_bulletin.setdefault(item.bulletin_id, []).append(item)
        Reminders = Bulletin.reminders.through
        Publications = Bulletin.publications.through
        BulletinContacts = Bulletin.contacts.through
        ItemContacts = ProgrammeItem.contacts.through
        reminders, bulletin_publications, bulletin_contacts = [], [], []
        for index, bulletin in enumerate(bulletins):
            earlier = [
                item
                for b in bulletins[max(0, index - 6) : index]
                for item in by_bulletin[b.pk]
                if item.action_deadline
            ]
            for item in rng.sample(earlier, min(3, len(earlier))):
                reminders.append(Reminders(bulletin_id=bulletin.pk, programmeitem_id=item.pk))
            for publication in publications[index * 3 : index * 3 + 3]:
                bulletin_publications.append(
                    Publications(bulletin_id=bulletin.pk, publication_id=publication.pk)
                )
            for contact in rng.sample(contacts, 3):
                bulletin_contacts.append(
                    BulletinContacts(bulletin_id=bulletin.pk, contact_id=contact.pk)
                )
        batched_create(Reminders, reminders, "reminders", 5000, quiet)
        batched_create(Publications, bulletin_publications, "update publications", 5000, quiet)
        batched_create(BulletinContacts, bulletin_contacts, "update contacts", 5000, quiet)
        batched_create(
            ItemContacts,
            [
                ItemContacts(programmeitem_id=item.pk, contact_id=rng.choice(contacts).pk)
                for item in items
                if rng.random() < 0.3
            ],
            "item contacts",
            5000,
            quiet,
        )
    # bulk_create sends no signals: index every row for search, as saves would.
    from search import index

    index.rebuild(
        progress=None
        if quiet
        else lambda model, done, total: progress(
            f"search index: {model._meta.verbose_name_plural}", done, total
        )
    )

    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh planner statistics, as a live database has
    return {"resources": size, "updates": updates}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000, help="resources (default 10000)")
    parser.add_argument("--updates", type=int, default=400, help="weekly updates (default 400)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "library.settings")
    django.setup()
    from django.core.management import call_command

    from resources.models import Resource

    call_command("migrate", verbosity=0, interactive=False)
    if Resource.objects.exists():
        parser.error("the database already holds resources: generate into an empty one")
    generate(size=args.size, updates=args.updates, seed=args.seed)


if __name__ == "__main__":
    main()
