"""allauth's login form with the address normalized.

Kept apart from forms.py: allauth's forms module imports forms.SignupForm (ACCOUNT_SIGNUP_FORM_CLASS),
so forms.py must not import allauth's forms.
"""

from __future__ import annotations

from allauth.account import forms as allauth_forms

from junkan.accounts.forms import NormalizedEmailMixin


class LoginForm(NormalizedEmailMixin, allauth_forms.LoginForm):
    """allauth's login form, with the address NFKC-normalized."""
