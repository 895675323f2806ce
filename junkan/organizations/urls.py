from django.urls import path

from junkan.organizations import views

app_name = "organizations"
urlpatterns = [
    path("", views.organization_list, name="list"),
    path("new/", views.organization_create, name="create"),
    path("<int:pk>/", views.organization_detail, name="detail"),
    path("<int:pk>/edit/", views.organization_edit, name="edit"),
    path("<int:pk>/invite/", views.member_invite, name="invite"),
    path("<int:pk>/invitations/", views.invitation_list, name="invitations"),
    path(
        "<int:pk>/invitations/<int:invitation_pk>/revoke/", views.invitation_revoke, name="invitation_revoke"
    ),
    path("<int:pk>/members/<int:membership_pk>/role/", views.member_role, name="member_role"),
    path(
        "<int:pk>/members/<int:membership_pk>/applications/",
        views.member_applications,
        name="member_applications",
    ),
    path("<int:pk>/members/<int:membership_pk>/remove/", views.member_remove, name="member_remove"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation"),
]
