"""The index follows the objects: only public ones are in it, and it changes in the same transaction."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from junkan.cases import services as case_services
from junkan.registry import services as registry_services
from junkan.search import services
from junkan.search.models import DocumentKind as K
from junkan.search.models import SearchDocument, SearchTerm

pytestmark = pytest.mark.django_db


def indexed(kind: str) -> set[int]:
    return set(SearchDocument.objects.filter(kind=kind).values_list("object_id", flat=True))


def doc(kind: str, object_id: int) -> SearchDocument:
    return SearchDocument.objects.get(kind=kind, object_id=object_id)


def test_a_region_is_indexed_only_while_approved(make_region, owner, staff, organization):
    region = make_region()
    assert indexed(K.REGION) == set()
    registry_services.submit(owner, region)
    assert indexed(K.REGION) == set()
    assert indexed(K.ORGANIZATION) == set()
    registry_services.approve(staff, region)
    document = doc(K.REGION, region.pk)
    assert document.url == f"/registry/regions/{region.pk}/"
    assert document.prefectures == " 20 "
    assert document.resources.split() == ["energy", "forest"]
    assert document.goals == " 7 15 "
    assert indexed(K.ORGANIZATION) == {organization.pk}
    registry_services.revoke(staff, region, "活動が終了したため")
    assert indexed(K.REGION) == set()
    assert indexed(K.ORGANIZATION) == set()
    assert not SearchTerm.objects.exists()


def test_a_refused_region_is_never_indexed(make_region, owner, staff):
    region = make_region()
    registry_services.submit(owner, region)
    registry_services.refuse(staff, region, "対象地域を確認してください")
    assert indexed(K.REGION) == set()


def test_a_company_and_its_solutions_are_indexed_on_approval(make_company, approve, company_org):
    company = make_company(titles=("薪ボイラーの導入支援", "小水力発電の共同事業"))
    assert indexed(K.SOLUTION) == set()
    approve(company)
    solutions = set(company.solutions.values_list("pk", flat=True))
    assert indexed(K.SOLUTION) == solutions
    organization = doc(K.ORGANIZATION, company_org.pk)
    assert organization.url == f"/registry/companies/{company.pk}/"
    assert organization.prefectures == " 20 "  # from the address
    assert "小水力発電の共同事業" in organization.text
    solution = doc(K.SOLUTION, min(solutions))
    assert solution.url.endswith(f"#solution-{min(solutions)}")
    assert solution.prefectures == " 20 "


def test_renaming_an_organization_reindexes_what_shows_its_name(make_company, approve, company_org):
    company = make_company()
    approve(company)
    company_org.name = "株式会社あたらしい名前（架空）"
    company_org.save()
    solution = company.solutions.get()
    assert "あたらしい名前" in doc(K.SOLUTION, solution.pk).text
    assert doc(K.ORGANIZATION, company_org.pk).title == "株式会社あたらしい名前（架空）"


def test_a_case_is_indexed_while_published(make_case, staff):
    case = make_case(published=False)
    assert indexed(K.CASE) == set()
    case_services.set_published(staff, case, True)
    assert indexed(K.CASE) == {case.pk}
    assert doc(K.CASE, case.pk).prefectures == " 01 "
    case_services.set_published(staff, case, False)
    assert indexed(K.CASE) == set()


def test_changes_of_a_case_reach_the_index(make_case):
    from junkan.cases.models import CaseOutcome
    from junkan.registry.models import LocalResource

    case = make_case()
    case.resources.add(LocalResource.objects.get(code="sea"))
    assert doc(K.CASE, case.pk).resources.split() == ["forest", "sea"]
    CaseOutcome.objects.create(case=case, label="灯油の削減量", value="850.000", unit="kL/年")
    assert "灯油の削減量 850kL/年" in doc(K.CASE, case.pk).text
    case.delete()
    assert indexed(K.CASE) == set()


def test_a_change_from_the_other_side_of_a_many_to_many_reaches_the_index(make_case):
    from junkan.cases.models import CaseTheme

    case = make_case()
    theme = CaseTheme.objects.get(code="disaster-resilience")
    theme.case_studies.add(case)  # reverse side: the signal names the case in pk_set
    assert "防災・減災" in doc(K.CASE, case.pk).text
    theme.case_studies.clear()  # reverse clear: no pk_set, every case is reindexed
    assert "防災・減災" not in doc(K.CASE, case.pk).text


def test_a_guide_is_indexed_with_its_plain_text(db):
    from junkan.cases.models import Guide

    guide = Guide.objects.create(
        slug="g",
        title="構想のつくり方",
        summary="手引き",
        body="## 見出し\n- **ありたい未来**を描く",
        category="concept",
        published=True,
    )
    document = doc(K.GUIDE, guide.pk)
    assert "ありたい未来を描く" in document.text
    assert "**" not in document.text and "##" not in document.text


def test_rebuild_writes_the_same_index_as_the_signals(make_case, make_region, make_company, approve):
    make_case()
    approve(make_region())
    approve(make_company())
    make_case(published=False)

    def state() -> set[tuple[str, int, str, int, int]]:
        return set(
            SearchDocument.objects.values_list("kind", "object_id", "tokens", "length", "title_length")
        )

    before = state()
    terms = SearchTerm.objects.count()
    assert {kind for kind, *_ in before} == {K.CASE, K.REGION, K.ORGANIZATION, K.SOLUTION}
    SearchDocument.objects.all().delete()
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "case 1, guide 0, region 1, organization 2, solution 1" in out.getvalue()
    assert state() == before
    assert SearchTerm.objects.count() == terms


def test_search_ranks_filters_and_counts_kinds(make_case, make_region, approve):
    make_case(title="木質バイオマスの熱供給", codes=("014681",))
    other = make_case(
        title="森林の話", actions="薪ストーブと木質バイオマス", codes=("202053",), resources=("energy",)
    )
    approve(make_region(challenges="木質バイオマスの利用が進まない"))
    results = services.search("バイオマス")
    assert results.total == 3
    assert results.counts == {K.CASE: 2, K.REGION: 1}
    first = results.page.object_list[0]
    assert first.document.title == "木質バイオマスの熱供給"  # the title counts more
    only_nagano = services.search("バイオマス", services.Filters(prefecture="20"))
    assert {h.document.kind for h in only_nagano.page.object_list} == {K.CASE, K.REGION}
    assert services.search("バイオマス", services.Filters(kind=K.CASE, resource="energy")).total == 1
    assert (
        services.search("バイオマス", services.Filters(goal=15)).page.object_list[0].document.kind == K.REGION
    )
    assert services.search("バイオマス", services.Filters(kind=K.GUIDE)).counts == {K.CASE: 2, K.REGION: 1}
    assert other.pk in {h.document.object_id for h in results.page.object_list}


def test_search_falls_back_to_any_word(make_case):
    make_case(title="木質バイオマス")
    results = services.search("バイオマス 宇宙船")
    assert results.partial and results.total == 1
    assert services.search("宇宙船").total == 0


def test_search_pages(make_case):
    for i in range(25):
        make_case(title=f"森林の事例{i}")
    results = services.search("森林", per_page=10, page_number=3)
    assert results.total == 25
    assert len(results.page.object_list) == 5
    assert results.page.number == 3


def test_search_without_words_finds_nothing(make_case):
    make_case()
    assert services.search("、。").total == 0
    assert services.search("").page is None


def test_cached_rankings_follow_every_change_of_the_index(
    make_case, make_region, approve, staff, django_assert_max_num_queries
):
    """A ranking is kept per query until the index changes: an approval, a revocation or a rebuild is seen
    at once by the next search, and a repeated search reads only the documents of its page."""
    make_case(title="木質バイオマスの熱供給")
    assert services.search("バイオマス").total == 1
    with django_assert_max_num_queries(1):  # the page's documents; no terms, frequencies or statistics
        assert services.search("バイオマス").total == 1
    region = approve(make_region(challenges="木質バイオマスの利用が進まない"))
    assert services.search("バイオマス").total == 2
    registry_services.revoke(staff, region, "活動が終了したため")
    assert services.search("バイオマス").total == 1
    SearchDocument.objects.all().delete()  # bulk change without signals, then the documented rebuild
    call_command("rebuild_search_index", stdout=io.StringIO())
    assert services.search("バイオマス").total == 1
