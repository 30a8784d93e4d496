import datetime

import factory
from django.utils import timezone

from yorozu.accounts.models import Role
from yorozu.accounts.tests.factories import UserFactory
from yorozu.catalog.models import Category
from yorozu.jobs.models import Job, PayType


def subcategory(slug: str = "web-homepage") -> Category:
    return Category.objects.get(slug=slug)


class JobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Job

    client = factory.SubFactory(UserFactory, role=Role.CLIENT)
    title = factory.Sequence(lambda n: f"コーポレートサイトの制作 {n}")
    category = factory.LazyFunction(subcategory)
    main_category = factory.LazyAttribute(lambda o: o.category.parent)
    description = "会社案内のサイトを5ページほどで作成してください。"
    pay_type = PayType.FIXED
    budget_min = 50000
    budget_max = 100000
    deadline = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14))
    hires_wanted = 1
