"""`{% job_cards jobs %}`: a list of job cards, each rendered once per content (`jobs.cards`)."""

from django import template

from yorozu.jobs.cards import render_job_cards

register = template.Library()


@register.simple_tag(takes_context=True)
def job_cards(context, jobs):
    return render_job_cards(jobs, context.get("request"))
