"""Pure calculation engines of the review and adoption (審査・採択); no Django import.

- ``criteria``: the review criteria of a call as data (審査の観点) and their validator
- ``coi``: conflicts of interest between committee members and applications (利益相反)
- ``assignment``: automatic assignment of reviewers, balanced, respecting conflicts (審査委員の割当て)
- ``scoring``: score sheets, weighted scores, aggregation, disagreement and ranks (採点・集計・順位)
- ``adoption``: the proposed adoption set within each type's budget (予算の範囲内の採択案)
"""
