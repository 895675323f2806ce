"""Every change to a grant project and its records, each with its permission check, lock and audit entry.

- ``lifecycle``: the one transition function of the project's status and the project lock
- ``award``: opening a project from an adoption, 交付申請 and 交付決定
- ``contracts``: contracts and orders
- ``changes``: plan changes and continuation plans (one transition function for ``PlanChange``)
- ``reports``: scheduling reports, completion and follow-up reports (one transition function for ``Report``),
  cost lines and documents, reminders
- ``money``: 額の確定, the payment request and the payment record
- ``returns``: cancellation and return orders (one transition function for ``ReturnOrder``)
- ``requests``: information requests and hearings (one transition function for ``InfoRequest``)
- ``retention``: records retention and disposal
"""
