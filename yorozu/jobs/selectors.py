"""Reads for jobs."""

from yorozu.jobs.models import Job, JobStatus


def latest_open_jobs(*, limit: int = 6):
    return (
        Job.objects.filter(status=JobStatus.OPEN)
        .select_related("category", "client", "client__client_profile")
        .order_by("-created_at", "-id")[:limit]
    )
