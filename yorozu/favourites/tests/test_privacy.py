"""What a person kept, saved and blocked is in their data export; deletion erases the first two
and keeps blocks made against others as the secretariat's signal."""

from django.http import QueryDict

from yorozu.accounts.actions import do_delete_account
from yorozu.accounts.selectors import account_data
from yorozu.alerts.actions import do_save_search
from yorozu.alerts.models import SavedSearch, SearchKind
from yorozu.blocks.actions import do_block_user
from yorozu.blocks.models import Block
from yorozu.favourites.actions import do_add_favourite
from yorozu.favourites.models import Favourite, FavouriteKind
from yorozu.jobs.tests.factories import JobFactory


def test_export_and_deletion(worker_user, client_user, outsider):
    job = JobFactory(client=client_user)
    do_add_favourite(kind=FavouriteKind.JOB, target=job, actor=worker_user)
    do_save_search(kind=SearchKind.JOB, query=QueryDict("q=ロゴ"), name="ロゴ", actor=worker_user)
    do_block_user(blocked=outsider, actor=worker_user)
    data = account_data(worker_user)
    assert [f["job_id"] for f in data["favourites"]] == [job.pk]
    assert [s["name"] for s in data["saved_searches"]] == ["ロゴ"]
    assert [b["blocked_id"] for b in data["blocks"]] == [outsider.pk]
    do_delete_account(worker_user, actor=worker_user)
    assert not Favourite.objects.filter(owner=worker_user).exists()
    assert not SavedSearch.objects.filter(owner=worker_user).exists()
    assert Block.objects.filter(blocker=worker_user).exists()
