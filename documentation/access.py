"""Who may open a document's file.

"Members only" documents are for the centre's members: people with an account on
the portal (staff create accounts for members). Everything else that is
published is open to all.
"""


def is_member(user):
    return bool(user and user.is_authenticated and user.is_active)


def can_download(user, document):
    if document.status != document.Status.PUBLISHED:
        return bool(user and user.is_staff)
    if document.access == document.Access.MEMBERS:
        return is_member(user)
    return True
