"""factory_boy factories for tests of every app."""

import factory

from gongkai.core.models import Agency, SiteSettings

from .models import Department, RoleAssignment, User


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"agency{n}")
    name = factory.Sequence(lambda n: f"测试机关{n}")
    organisation_code = factory.Sequence(lambda n: f"TEST{n:05d}")


class SiteSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SiteSettings

    agency = factory.SubFactory(AgencyFactory)
    site_name = factory.LazyAttribute(lambda o: f"{o.agency.name}网站")
    host_organisation = factory.LazyAttribute(lambda o: o.agency.name)


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"处室{n}")
    code = factory.Sequence(lambda n: f"dept{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"工作人员{n}")
    agency = factory.SubFactory(AgencyFactory)
    department = factory.LazyAttribute(lambda o: DepartmentFactory(agency=o.agency))
    password = factory.django.Password("Secret-pass-2026")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or ():
            RoleAssignment.objects.create(user=self, role=role)
        self.__dict__.pop("_roles_cache", None)
