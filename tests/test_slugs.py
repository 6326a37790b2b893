import pytest

from builder.slugs import slugify


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("LAC1", "lac1"),
        ("LAC6 (val)", "lac6-val"),
        ("LAC6 (%)", "lac6-pct"),
        ("LAC11-QL (%)", "lac11-ql-pct"),
        ("CP3-QL (val)", "cp3-ql-val"),
        ("Section 47 Enquiry", "section-47-enquiry"),
        ("Children's Services – “Improvement”", "children-s-services-improvement"),
        ("  --Odd__spacing--  ", "odd-spacing"),
    ],
)
def test_slugify(text, slug):
    assert slugify(text) == slug


def test_codes_differing_by_suffix_keep_distinct_slugs():
    codes = ["LAC6 (val)", "LAC6 (%)", "LAC11-QL", "LAC11-QL (%)", "LAC9", "LAC9 (val)"]
    assert len({slugify(code) for code in codes}) == len(codes)
