"""Organization pages as the owner, a member, an outsider, staff and an anonymous visitor."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from junkan.audit.models import AuditEntry
from junkan.organizations.models import Invitation, InvitationStatus, Membership, MembershipRole, Organization

pytestmark = pytest.mark.django_db


def test_it_lists_only_my_organizations(client_as, owner, outsider, organization):
    Organization.objects.create(kind="company", name="別の株式会社")
    response = client_as(owner).get(reverse("organizations:list"))
    assert response.status_code == 200
    assert [m["organization_id"] for m in response.context["memberships"]] == [organization.pk]
    assert "別の株式会社" not in response.content.decode()
    response = client_as(outsider).get(reverse("organizations:list"))
    assert list(response.context["memberships"]) == []


def test_list_query_count_does_not_grow_with_rows(client_as, owner, django_assert_max_num_queries):
    for number in range(12):
        org = Organization.objects.create(kind="company", name=f"会社{number}")
        Membership.objects.create(organization=org, user=owner, role=MembershipRole.OWNER)
    client = client_as(owner)
    with django_assert_max_num_queries(7):
        assert client.get(reverse("organizations:list")).status_code == 200


def test_list_is_paged(client_as, owner, organization):
    Organization.objects.bulk_create(Organization(kind="company", name=f"会社{n:03d}") for n in range(50))
    companies = Organization.objects.filter(name__startswith="会社")
    Membership.objects.bulk_create(Membership(organization=org, user=owner) for org in companies)
    client = client_as(owner)
    url = reverse("organizations:list")
    first = client.get(url)
    rows = first.context["memberships"]
    assert len(rows) == 50 and rows[0]["organization__name"] == "会社000"
    assert rows[0]["kind_label"] == "民間企業" and rows[0]["member_count"] == 1
    assert "?page=2" in first.content.decode()
    second = client.get(url + "?page=2").context["memberships"]
    assert [m["organization_id"] for m in second] == [organization.pk]
    assert second[0]["role_label"] == "管理者" and second[0]["member_count"] == 2
    assert client.get(url + "?page=3").status_code == 404


@pytest.mark.parametrize("url_name", ["organizations:list", "organizations:create"])
def test_anonymous_is_sent_to_login(client_as, url_name):
    response = client_as(None).get(reverse(url_name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(
    ("who", "status"),
    [("owner", 200), ("member", 200), ("outsider", 404), ("staff", 200), ("anonymous", 302)],
)
def test_detail_visibility(client_as, organization, owner, member, outsider, staff, who, status):
    user = {"owner": owner, "member": member, "outsider": outsider, "staff": staff, "anonymous": None}[who]
    response = client_as(user).get(reverse("organizations:detail", args=[organization.pk]))
    assert response.status_code == status


def test_unknown_organization_is_404_like_a_hidden_one(client_as, outsider):
    assert client_as(outsider).get(reverse("organizations:detail", args=[999999])).status_code == 404


def test_register_a_company_makes_me_its_owner(client_as, outsider):
    response = client_as(outsider).post(
        reverse("organizations:create"),
        {
            "kind": "company",
            "name": "株式会社テスト循環",
            "corporate_number": "７０００－０１２０－５０００２",
        },
    )
    org = Organization.objects.get(name="株式会社テスト循環")
    assert response.status_code == 302
    assert org.corporate_number == "7000012050002"
    assert Membership.objects.get(organization=org).role == MembershipRole.OWNER
    entry = AuditEntry.objects.for_object(org).get()
    assert entry.action == "organizations.organization.created"
    assert entry.actor == outsider


def test_register_a_municipality_by_name(client_as, outsider):
    client_as(outsider).post(
        reverse("organizations:create"),
        {"kind": "municipality", "municipality_text": "岡山県西粟倉村", "name": "西粟倉村役場"},
    )
    org = Organization.objects.get(name="西粟倉村役場")
    assert org.municipality.code == "336432"


def test_ambiguous_municipality_name_lists_candidates_and_keeps_input(client_as, outsider):
    response = client_as(outsider).post(
        reverse("organizations:create"),
        {"kind": "municipality", "municipality_text": "府中市", "name": "府中市役所", "address": "どこか"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "複数あります" in body
    assert "東京都府中市" in body and "広島県府中市" in body
    assert 'value="府中市役所"' in body and 'value="どこか"' in body
    assert "入力内容を確認してください" in body  # the error summary
    assert not Organization.objects.filter(name="府中市役所").exists()


def test_wrong_check_digit_names_the_check_digit(client_as, outsider):
    response = client_as(outsider).post(
        reverse("organizations:create"), {"kind": "municipality", "municipality_text": "202054", "name": "x"}
    )
    assert "検査数字" in response.content.decode()
    assert not Organization.objects.filter(name="x").exists()


def test_kind_must_match_the_master(client_as, outsider):
    response = client_as(outsider).post(
        reverse("organizations:create"),
        {"kind": "prefecture", "municipality_text": "202053", "name": "長野県？"},
    )
    assert "都道府県ではありません" in response.content.decode()
    assert not Organization.objects.filter(name="長野県？").exists()


def test_company_cannot_link_a_municipality(client_as, outsider):
    response = client_as(outsider).post(
        reverse("organizations:create"), {"kind": "company", "municipality_text": "202053", "name": "会社"}
    )
    assert response.status_code == 200
    assert not Organization.objects.filter(name="会社").exists()


@pytest.mark.parametrize(
    ("who", "status"), [("owner", 302), ("member", 403), ("outsider", 404), ("anonymous", 302)]
)
def test_edit_permissions(client_as, organization, owner, member, outsider, who, status):
    user = {"owner": owner, "member": member, "outsider": outsider, "anonymous": None}[who]
    response = client_as(user).post(
        reverse("organizations:edit", args=[organization.pk]),
        {"name": "飯田市（変更）", "phone": "0265-22-4511"},
    )
    assert response.status_code == status
    organization.refresh_from_db()
    if who == "owner":
        assert organization.name == "飯田市（変更）"
        entry = AuditEntry.objects.for_object(organization).get(action="organizations.organization.updated")
        assert entry.changes["name"] == ["長野県飯田市", "飯田市（変更）"]
    else:
        assert organization.name == "長野県飯田市"


def test_owner_invites_and_invitee_accepts(
    client_as, organization, owner, make_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(owner).post(
            reverse("organizations:invite", args=[organization.pk]),
            {"email": "New@Example.jp", "role": "member"},
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get(organization=organization)
    assert len(mail.outbox) == 1
    assert invitation.token in mail.outbox[0].body
    assert "長野県飯田市" in mail.outbox[0].subject

    newcomer = make_user("new@example.jp")
    url = reverse("organizations:invitation", args=[invitation.token])
    assert client_as(newcomer).get(url).status_code == 200
    assert client_as(newcomer).post(url).status_code == 302
    assert Membership.objects.get(organization=organization, user=newcomer).role == MembershipRole.MEMBER
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED
    # A second click does nothing more.
    assert client_as(newcomer).post(url).status_code == 403
    assert Membership.objects.filter(organization=organization, user=newcomer).count() == 1


def test_invitation_for_someone_else_is_404(client_as, organization, owner, outsider):
    client_as(owner).post(
        reverse("organizations:invite", args=[organization.pk]), {"email": "x@example.jp", "role": "member"}
    )
    invitation = Invitation.objects.get()
    url = reverse("organizations:invitation", args=[invitation.token])
    assert client_as(outsider).get(url).status_code == 404
    assert client_as(outsider).post(url).status_code == 404
    assert not Membership.objects.filter(user=outsider).exists()


@pytest.mark.parametrize(("who", "status"), [("member", 403), ("outsider", 404)])
def test_only_owners_invite(client_as, organization, member, outsider, who, status):
    user = member if who == "member" else outsider
    response = client_as(user).post(
        reverse("organizations:invite", args=[organization.pk]), {"email": "x@example.jp", "role": "owner"}
    )
    assert response.status_code == status
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_inviting_an_existing_member_is_refused_with_a_message(client_as, organization, owner):
    response = client_as(owner).post(
        reverse("organizations:invite", args=[organization.pk]),
        {"email": "member@example.jp", "role": "member"},
    )
    assert response.status_code == 422
    assert "すでにこの組織のメンバーです" in response.content.decode()
    assert not Invitation.objects.exists()


def test_bad_email_keeps_input(client_as, organization, owner):
    response = client_as(owner).post(
        reverse("organizations:invite", args=[organization.pk]), {"email": "not-an-address", "role": "member"}
    )
    assert response.status_code == 422
    assert 'value="not-an-address"' in response.content.decode()


def test_owner_changes_role_and_last_owner_cannot_step_down(client_as, organization, owner, member):
    owner_ship = Membership.objects.get(user=owner)
    member_ship = Membership.objects.get(user=member)
    client = client_as(owner)
    client.post(
        reverse("organizations:member_role", args=[organization.pk, owner_ship.pk]), {"role": "member"}
    )
    assert Membership.objects.get(pk=owner_ship.pk).role == MembershipRole.OWNER
    client.post(
        reverse("organizations:member_role", args=[organization.pk, member_ship.pk]), {"role": "owner"}
    )
    assert Membership.objects.get(pk=member_ship.pk).role == MembershipRole.OWNER
    assert AuditEntry.objects.filter(action="organizations.membership.role_changed").count() == 1


def test_member_cannot_change_roles(client_as, organization, member):
    member_ship = Membership.objects.get(user=member)
    response = client_as(member).post(
        reverse("organizations:member_role", args=[organization.pk, member_ship.pk]), {"role": "owner"}
    )
    assert response.status_code == 403
    assert Membership.objects.get(pk=member_ship.pk).role == MembershipRole.MEMBER


def test_member_may_leave_but_not_remove_others(client_as, organization, owner, member):
    owner_ship = Membership.objects.get(user=owner)
    member_ship = Membership.objects.get(user=member)
    client = client_as(member)
    assert (
        client.post(reverse("organizations:member_remove", args=[organization.pk, owner_ship.pk])).status_code
        == 403
    )
    assert Membership.objects.filter(pk=owner_ship.pk).exists()
    assert (
        client.post(
            reverse("organizations:member_remove", args=[organization.pk, member_ship.pk])
        ).status_code
        == 302
    )
    assert not Membership.objects.filter(pk=member_ship.pk).exists()
    assert AuditEntry.objects.filter(action="organizations.membership.removed").count() == 1


def test_outsider_cannot_remove_members(client_as, organization, outsider, member):
    member_ship = Membership.objects.get(user=member)
    response = client_as(outsider).post(
        reverse("organizations:member_remove", args=[organization.pk, member_ship.pk])
    )
    assert response.status_code == 404
    assert Membership.objects.filter(pk=member_ship.pk).exists()


def test_owner_revokes_invitation(client_as, organization, owner, member):
    client_as(owner).post(
        reverse("organizations:invite", args=[organization.pk]), {"email": "x@example.jp", "role": "member"}
    )
    invitation = Invitation.objects.get()
    url = reverse("organizations:invitation_revoke", args=[organization.pk, invitation.pk])
    assert client_as(member).post(url).status_code == 403
    assert client_as(owner).post(url).status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.REVOKED


def test_detail_pages_members_with_constant_queries(
    client_as, organization, owner, make_user, django_assert_max_num_queries
):
    from junkan.accounts.models import User

    User.objects.bulk_create(
        [User(email=f"bulk{i}@example.jp", full_name=f"メンバー{i:03d}") for i in range(60)]
    )
    Membership.objects.bulk_create(
        [
            Membership(organization=organization, user=user)
            for user in User.objects.filter(email__startswith="bulk")
        ]
    )
    client = client_as(owner)
    url = reverse("organizations:detail", args=[organization.pk])
    with django_assert_max_num_queries(12):
        first = client.get(url)
    assert len(first.context["memberships"]) == 50
    assert "62人" in first.content.decode()
    second = client.get(url + "?page=2")
    assert len(second.context["memberships"]) == 12


def test_owner_lets_a_member_submit_and_withdraw_applications(client_as, organization, owner, member):
    member_ship = Membership.objects.get(user=member)
    url = reverse("organizations:member_applications", args=[organization.pk, member_ship.pk])
    page = client_as(owner).get(reverse("organizations:detail", args=[organization.pk])).content.decode()
    assert "応募の提出・取下げ" in page and url in page
    response = client_as(owner).post(url, {"allowed": "1"}, follow=True)
    assert "に応募の提出・取下げを任せました。" in response.content.decode()
    member_ship.refresh_from_db()
    assert member_ship.acts_for_applications and member_ship.may_act_for_applications
    assert "任されています" in response.content.decode()
    entry = AuditEntry.objects.get(action="organizations.membership.changed")
    assert entry.changes == {"acts_for_applications": [False, True]}
    client_as(owner).post(url, {"allowed": "0"})
    member_ship.refresh_from_db()
    assert not member_ship.may_act_for_applications


@pytest.mark.parametrize(("who", "status"), [("member", 403), ("outsider", 404), (None, 302)])
def test_only_owners_let_members_act_for_applications(client_as, organization, member, outsider, who, status):
    member_ship = Membership.objects.get(user=member)
    user = {"member": member, "outsider": outsider, None: None}[who]
    response = client_as(user).post(
        reverse("organizations:member_applications", args=[organization.pk, member_ship.pk]), {"allowed": "1"}
    )
    assert response.status_code == status
    member_ship.refresh_from_db()
    assert not member_ship.acts_for_applications


def test_members_see_who_may_submit_but_no_toggle(client_as, organization, member):
    member_ship = Membership.objects.get(user=member)
    url = reverse("organizations:member_applications", args=[organization.pk, member_ship.pk])
    page = client_as(member).get(reverse("organizations:detail", args=[organization.pk])).content.decode()
    assert "できます（管理者）" in page
    assert url not in page


def test_detail_rows_for_the_owner(client_as, organization, owner, member):
    """The plain rows keep each member's forms: the owner's own row offers to leave, the others to remove."""
    page = client_as(owner).get(reverse("organizations:detail", args=[organization.pk])).content.decode()
    own = Membership.objects.get(user=owner)
    other = Membership.objects.get(user=member)
    for name in ("member_role", "member_remove"):
        for membership in (own, other):
            assert reverse(f"organizations:{name}", args=[organization.pk, membership.pk]) in page
    assert reverse("organizations:member_applications", args=[organization.pk, other.pk]) in page
    assert reverse("organizations:member_applications", args=[organization.pk, own.pk]) not in page
    assert page.count("退出する") == 1 and page.count(">外す<") == 1
    assert page.count('name="csrfmiddlewaretoken"') >= 5
    assert '<option value="member" selected>メンバー</option>' in page


def test_the_rows_urls_fill_only_the_last_argument():
    """The member links are reversed once per page with a marker for the row's id: an organization whose
    id holds the marker's digits keeps its own id."""
    from junkan.organizations.views import _MARK, _url_format

    url = _url_format("organizations:member_role", _MARK)
    assert url.format(7) == reverse("organizations:member_role", args=[_MARK, 7])


@pytest.mark.parametrize(
    ("who", "whose", "status"),
    [
        ("owner", "member", 200),  # an owner may remove another member
        ("owner", "owner", 200),  # and leave (refused on POST while the only owner)
        ("member", "member", 200),  # anyone may leave
        ("member", "owner", 403),
        ("outsider", "member", 404),
        (None, "member", 302),
    ],
)
def test_removing_a_member_asks_for_confirmation_first(
    client_as, organization, owner, member, outsider, who, whose, status
):
    people = {"owner": owner, "member": member, "outsider": outsider, None: None}
    membership = Membership.objects.get(user=people[whose])
    url = reverse("organizations:member_remove", args=[organization.pk, membership.pk])
    response = client_as(people[who]).get(url)
    assert response.status_code == status
    assert Membership.objects.filter(pk=membership.pk).exists()  # a GET changes nothing
    if status == 200:
        body = response.content.decode()
        assert "元に戻せないこと" in body and 'method="post"' in body
        leaving = who == whose
        assert ("確認しました。この組織から退出する" in body) is leaving
        assert ("確認しました。メンバーから外す" in body) is not leaving
        assert people[whose].full_name in body


def test_the_rows_link_to_the_confirmation_and_escape_what_people_typed(
    client_as, organization, owner, member
):
    member.full_name = '<script>alert("x")</script>山田'
    member.save()
    page = client_as(owner).get(reverse("organizations:detail", args=[organization.pk])).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;山田" in page
    membership = Membership.objects.get(user=member)
    remove = reverse("organizations:member_remove", args=[organization.pk, membership.pk])
    assert f'<a class="button button-danger" href="{remove}">外す<span class="visually-hidden">' in page
    # The role menu keeps its label, named after the member, and the member's role selected.
    assert (
        f'<label for="role-{membership.pk}" class="visually-hidden">'
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;山田 さんの組織での役割</label>"
    ) in page


def test_a_member_leaves_through_the_confirmation_page(client_as, organization, member):
    page = client_as(member).get(reverse("organizations:detail", args=[organization.pk])).content.decode()
    membership = Membership.objects.get(user=member)
    url = reverse("organizations:member_remove", args=[organization.pk, membership.pk])
    assert f'<a class="button button-danger" href="{url}">この組織から退出する</a>' in page
    assert client_as(member).post(url).status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()


def _add_members(organization, count, start=0):
    from junkan.accounts.models import User

    users = User.objects.bulk_create(
        [User(email=f"bulk{i}@example.jp", full_name=f"メンバー{i:03d}") for i in range(start, start + count)]
    )
    Membership.objects.bulk_create([Membership(organization=organization, user=user) for user in users])


@pytest.mark.parametrize("who", ["owner", "member", "staff"])
def test_detail_queries_do_not_grow_with_the_members(
    client_as, organization, owner, member, staff, who, django_assert_num_queries
):
    """The same number of queries for 2 members as for 120 (page 1 and 3): the count is read with the page,
    the organization with the person's membership."""
    user = {"owner": owner, "member": member, "staff": staff}[who]
    client = client_as(user)
    url = reverse("organizations:detail", args=[organization.pk])
    client.get(url)  # the session's first read
    # Session, user and roles (middleware); membership with the organization; the page of members with
    # their count; an owner's open invitations. Staff, not a member: the membership is looked for, then
    # the organization read (staff's own TOTP check is cached after the first page).
    expected = {"owner": 6, "member": 5, "staff": 6}[who]
    with django_assert_num_queries(expected):
        small = client.get(url)
    assert len(small.context["memberships"]) == 2 and "2人" in small.content.decode()
    _add_members(organization, 118)
    with django_assert_num_queries(expected):
        first = client.get(url)
    with django_assert_num_queries(expected):
        last = client.get(url + "?page=3")
    assert len(first.context["memberships"]) == 50 and len(last.context["memberships"]) == 20
    assert "120人" in first.content.decode() and "120人" in last.content.decode()
    assert first.context["page"].paginator.num_pages == 3


@pytest.mark.parametrize(
    ("query", "status", "number"),
    [
        ("", 200, 1),
        ("?page=", 200, 1),
        ("?page=2", 200, 2),
        ("?page=last", 200, 2),
        ("?page=3", 404, None),
        ("?page=0", 404, None),
        ("?page=abc", 404, None),
        ("?page=1234567", 404, None),
    ],
)
def test_detail_pages_as_the_other_lists_do(client_as, organization, owner, query, status, number):
    """The page read with its count answers every ``?page=`` as ``common.paging`` does."""
    _add_members(organization, 60)  # 62 members: 50 + 12
    response = client_as(owner).get(reverse("organizations:detail", args=[organization.pk]) + query)
    assert response.status_code == status
    if number is not None:
        page = response.context["page"]
        assert page.number == number and page.paginator.count == 62
        assert len(response.context["memberships"]) == (50 if number == 1 else 12)


def test_the_owner_sees_every_members_forms_and_the_invitations(client_as, organization, owner, member):
    client = client_as(owner)
    client.post(
        reverse("organizations:invite", args=[organization.pk]), {"email": "new@example.jp", "role": "owner"}
    )
    invitation = Invitation.objects.get()
    page = client.get(reverse("organizations:detail", args=[organization.pk])).content.decode()
    assert "new@example.jp（管理者、" in page and "まで有効" in page
    assert reverse("organizations:invitation_revoke", args=[organization.pk, invitation.pk]) in page
    assert reverse("organizations:invite", args=[organization.pk]) in page
    assert reverse("organizations:edit", args=[organization.pk]) in page
    other = Membership.objects.get(user=member)
    assert page.count('<select name="role" id="role-') == 2
    assert f'<select name="role" id="role-{other.pk}" class="compact">' in page
    assert (
        f'<label for="role-{other.pk}" class="visually-hidden">所属 花子 さんの組織での役割</label>' in page
    )
    assert (
        f'action="{reverse("organizations:member_applications", args=[organization.pk, other.pk])}"'
        ' class="inline-form"><input type="hidden" name="csrfmiddlewaretoken"'
    ) in page
    assert '<input type="hidden" name="allowed" value="1">' in page
    assert '任せる<span class="visually-hidden">（所属 花子）</span>' in page


def test_a_member_sees_the_members_but_no_forms(client_as, organization, owner, member):
    client_as(owner).post(
        reverse("organizations:invite", args=[organization.pk]), {"email": "new@example.jp", "role": "member"}
    )
    page = client_as(member).get(reverse("organizations:detail", args=[organization.pk])).content.decode()
    assert "管理 太郎" in page and "所属 花子" in page and "member@example.jp" in page
    assert "できます（管理者）" in page and "できません" in page
    assert "<select" not in page and "new@example.jp" not in page
    assert 'name="csrfmiddlewaretoken"' not in page.split("<main", 1)[-1].split("この組織から退出する")[0]
    for name in ("member_role", "member_applications"):
        for membership in Membership.objects.all():
            assert reverse(f"organizations:{name}", args=[organization.pk, membership.pk]) not in page
    assert reverse("organizations:edit", args=[organization.pk]) not in page


def test_an_outsider_gets_404_and_anonymous_the_login(client_as, organization, outsider):
    url = reverse("organizations:detail", args=[organization.pk])
    assert client_as(outsider).get(url).status_code == 404
    response = client_as(None).get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_the_owners_forms_on_the_page_still_change_things(client_as, organization, owner, member):
    """Every form of a row, posted as the page renders it, does what it did."""
    import re

    client = client_as(owner)
    url = reverse("organizations:detail", args=[organization.pk])
    other = Membership.objects.get(user=member)
    page = client.get(url).content.decode()
    actions = set(re.findall(r'<form method="post" action="([^"]+)"', page))
    acts = reverse("organizations:member_applications", args=[organization.pk, other.pk])
    role = reverse("organizations:member_role", args=[organization.pk, other.pk])
    assert {acts, role} <= actions
    response = client.post(acts, {"allowed": "1"}, follow=True)
    assert "任されています" in response.content.decode()
    assert '<input type="hidden" name="allowed" value="0">' in response.content.decode()
    response = client.post(role, {"role": "owner"}, follow=True)
    assert "所属 花子 さんの組織での役割を変更しました。" in response.content.decode()
    other.refresh_from_db()
    assert other.role == MembershipRole.OWNER and other.acts_for_applications
    remove = reverse("organizations:member_remove", args=[organization.pk, other.pk])
    assert f'href="{remove}"' in response.content.decode()
    response = client.post(remove, follow=True)
    assert "所属 花子 さんをメンバーから外しました。" in response.content.decode()
    assert not Membership.objects.filter(pk=other.pk).exists()


def test_a_bad_role_changes_nothing_and_says_so(client_as, organization, owner, member):
    other = Membership.objects.get(user=member)
    response = client_as(owner).post(
        reverse("organizations:member_role", args=[organization.pk, other.pk]), {"role": "king"}, follow=True
    )
    other.refresh_from_db()
    assert other.role == MembershipRole.MEMBER
    assert response.status_code == 200
    assert "組織での役割を一覧から選んでください。変更はしていません。" in response.content.decode()
    assert not AuditEntry.objects.filter(action="organizations.membership.role_changed").exists()


def _invite_many(organization, owner, count):
    Invitation.objects.bulk_create(
        [
            Invitation(organization=organization, email=f"invitee{i:03d}@example.jp", invited_by=owner)
            for i in range(count)
        ]
    )


def test_the_members_page_lists_the_newest_open_invitations_and_links_to_all(client_as, organization, owner):
    """Open invitations stay open after they expire: the page shows the newest 20, and links to the rest."""
    client = client_as(owner)
    url = reverse("organizations:detail", args=[organization.pk])
    all_url = reverse("organizations:invitations", args=[organization.pk])
    _invite_many(organization, owner, 20)
    page = client.get(url).content.decode()
    assert page.count("invitee") == 40  # the address and the button's hidden name, 20 times
    assert f'href="{all_url}"' not in page
    Invitation.objects.create(organization=organization, email="newest@example.jp", invited_by=owner)
    page = client.get(url).content.decode()
    assert "newest@example.jp" in page and "invitee000@" not in page and "invitee019@" in page
    assert page.count("invitee") == 38
    assert f'<a href="{all_url}">承諾待ちの招待をすべて見る</a>' in page


def test_all_open_invitations_are_paged_and_can_be_revoked(client_as, organization, owner):
    _invite_many(organization, owner, 51)
    Invitation.objects.filter(email="invitee000@example.jp").update(status=InvitationStatus.REVOKED)
    client = client_as(owner)
    url = reverse("organizations:invitations", args=[organization.pk])
    first = client.get(url)
    body = first.content.decode()
    assert first.status_code == 200 and len(first.context["invitations"]) == 50
    assert "50件の招待が承諾されていません。" in body and "?page=" not in body
    assert "invitee000@" not in body and "（メンバー、" in body
    Invitation.objects.create(organization=organization, email="late@example.jp", invited_by=owner)
    body = client.get(url).content.decode()
    assert "51件" in body and "?page=2" in body
    second = client.get(url + "?page=2")
    assert [i["email"] for i in second.context["invitations"]] == ["invitee001@example.jp"]
    invitation = Invitation.objects.get(email="invitee001@example.jp")
    revoke = reverse("organizations:invitation_revoke", args=[organization.pk, invitation.pk])
    assert revoke in second.content.decode()
    assert client.post(revoke).status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.REVOKED
    assert client.get(url + "?page=2").status_code == 404


@pytest.mark.parametrize(("who", "status"), [("member", 403), ("outsider", 404), (None, 302)])
def test_only_owners_see_the_open_invitations(client_as, organization, owner, member, outsider, who, status):
    _invite_many(organization, owner, 2)
    user = {"member": member, "outsider": outsider, None: None}[who]
    response = client_as(user).get(reverse("organizations:invitations", args=[organization.pk]))
    assert response.status_code == status
    assert "invitee000@" not in response.content.decode()
    if who is None:
        assert response["Location"].startswith(reverse("account_login"))
