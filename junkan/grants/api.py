"""Grant calculations over the API: /api/v1/calc/..."""

from ninja import Router

router = Router(tags=["calc"])
