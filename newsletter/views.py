"""Public pages: news, the letter's archive, signing up, confirming, unsubscribing."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.csp import CSP
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csp import csp_override
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from newsletter.forms import NewsFilterForm, SubscribeForm, consent_text
from newsletter.models import Issue, NewsItem, Subscriber
from newsletter.services import rendering, subscriptions, tokens
from newsletter.services.content import gather
from villecaraibe.security import rate_limited

NEWS_PER_PAGE = 20


def news_list(request):
    form = NewsFilterForm(request.GET or None)
    items = NewsItem.objects.published()
    category = ""
    if form.is_valid() and form.cleaned_data["category"]:
        category = form.cleaned_data["category"]
        items = items.filter(category=category)
    page = Paginator(
        items.only("title", "slug", "category", "summary", "published_at", "deadline"),
        NEWS_PER_PAGE,
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "newsletter/news_list.html",
        {
            "form": form,
            "page": page,
            "category": category,
            "category_label": dict(NewsItem.Category.choices).get(category, ""),
        },
    )


def news_item(request, slug):
    item = get_object_or_404(NewsItem.objects.published().prefetch_related("links"), slug=slug)
    return render(request, "newsletter/news_item.html", {"item": item})


def letter(request):
    """The archive: sent issues, newest first, with the sign-up form."""
    issues = Issue.objects.sent().only("number", "date", "subject")
    page = Paginator(issues, 30).get_page(request.GET.get("page"))
    return render(request, "newsletter/letter.html", {"page": page, "form": SubscribeForm()})


def _visible_issue(request, number):
    issue = get_object_or_404(Issue, number=number)
    if issue.status != Issue.Status.SENT and not request.user.has_perm("newsletter.view_issue"):
        raise Http404
    return issue


def issue_page(request, number):
    """An issue in the site's layout (readable, accessible), with the sign-up form."""
    issue = _visible_issue(request, number)
    return render(
        request,
        "newsletter/issue.html",
        {"issue": issue, **gather(issue), "form": SubscribeForm()},
    )


# The letter exactly as mail clients get it: its inlined styles need this CSP.
MAIL_CSP = {
    "default-src": [CSP.NONE],
    "style-src": [CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "https:", "data:"],
    "frame-ancestors": [CSP.SELF],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.NONE],
}


@csp_override(MAIL_CSP)
@xframe_options_sameorigin
def issue_mail(request, number):
    issue = _visible_issue(request, number)
    html, _text = rendering.issue_content(issue)
    letter_url = request.build_absolute_uri(reverse_letter())
    return HttpResponse(rendering.personalise(html, letter_url))


def reverse_letter():
    from django.urls import reverse

    return reverse("newsletter:letter")


def client_ip(request):
    return request.META.get("REMOTE_ADDR") or None


@require_http_methods(["GET", "POST"])
@rate_limited("newsletter-subscribe")
def subscribe(request):
    """Sign up. The answer is the same whether the address is known or not."""
    form = SubscribeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        subscriptions.subscribe(
            email=data["email"],
            name=data["name"],
            organisation=data["organisation"],
            ip=client_ip(request),
            page=request.META.get("HTTP_REFERER", "") or request.path,
            consent_text=consent_text(),
        )
        return redirect("newsletter:subscribed")
    return render(request, "newsletter/subscribe.html", {"form": form}, status=200)


def subscribed(request):
    return render(request, "newsletter/subscribed.html")


@require_http_methods(["GET", "POST"])
@rate_limited("newsletter-confirm")
def confirm(request, token):
    """GET shows a button (mail scanners open links); POST confirms."""
    try:
        pk, email = tokens.read_confirmation_token(token)
    except tokens.ExpiredToken:
        return render(request, "newsletter/token_invalid.html", {"expired": True}, status=400)
    except tokens.InvalidToken:
        return render(request, "newsletter/token_invalid.html", {"expired": False}, status=400)
    if not Subscriber.objects.filter(pk=pk, email=email).exists():
        return render(request, "newsletter/token_invalid.html", {"expired": False}, status=400)
    if request.method == "POST":
        subscriptions.confirm(token)
        messages.success(request, _("Your subscription is confirmed. Welcome!"))
        return render(request, "newsletter/confirmed.html")
    return render(request, "newsletter/confirm.html", {"email": email})


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """RFC 8058: a POST (one-click, no cookie, no CSRF token) unsubscribes at once;
    a GET only shows the button, so that link scanners unsubscribe nobody."""
    try:
        subscriber, issue_id = subscriptions.subscriber_for_unsubscribe_token(token)
    except tokens.InvalidToken:
        return render(request, "newsletter/token_invalid.html", {"expired": False}, status=400)
    if request.method == "POST":
        subscriptions.unsubscribe(subscriber, issue_id)
        form = SubscribeForm(initial={"email": subscriber.email})
        return render(request, "newsletter/unsubscribed.html", {"form": form})
    return render(request, "newsletter/unsubscribe.html", {"email": subscriber.email})
