"""The Atom feed of published notices (Django's syndication framework)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from yorozu.content.models import Notice
from yorozu.content.selectors import latest_notices

FEED_SIZE = 20


class NoticesFeed(Feed):
    """Published notices only, newest first: a scheduled notice appears when its time comes."""

    feed_type = Atom1Feed
    title = _("yorozu — notices from the secretariat")
    subtitle = _("Announcements about safety, new features, maintenance and support.")
    link = reverse_lazy("content:notices")

    def feed_url(self) -> str:
        return reverse("content:notices_feed")

    def items(self) -> list[Notice]:
        return latest_notices(limit=FEED_SIZE)

    def item_title(self, item: Notice) -> str:
        return item.title

    def item_description(self, item: Notice) -> str:
        return str(item.body_html)

    def item_link(self, item: Notice) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Notice):
        return item.publish_at

    def item_updateddate(self, item: Notice):
        return max(item.updated_at, item.publish_at)

    def item_categories(self, item: Notice) -> list[str]:
        return [str(item.get_category_display())]
