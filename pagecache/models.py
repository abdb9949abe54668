from django.db import models


class Generation(models.Model):
    """The content generation every cached page belongs to (one row, id 1).

    Used when the cache is per process (no REDIS_URL): every gunicorn worker
    reads it from the shared database, so a change made through one worker is
    seen at once by the others. With Redis the same record lives in the cache.
    """

    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField()
    next_change_at = models.DateTimeField(
        null=True, help_text="When scheduled content next goes live, making cached pages stale."
    )

    class Meta:
        verbose_name = "page cache generation"

    def __str__(self):
        return self.token
