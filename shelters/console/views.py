"""Staff console pages. Thin: sign-in check, form, console.search, cards, template.

Signed in as the admin signs in (shelters.signin: lockout, TOTP where required):
anyone the admin site would admit and shelters.roles.may_use_console allows.
Nothing a caller says is stored: searches are GET requests whose place the log
formatters redact and the middleware marks no-store (shelters.redaction).
"""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from shelters import access, regions, roles, selectors
from shelters.console import cards, discreet, search
from shelters.console.forms import SearchForm
from shelters.models import Hotline, MedicalService, Shelter

MODELS = {"shelters": Shelter, "medical": MedicalService, "hotlines": Hotline}


def staff_only(view):
    """The admin's own sign-in decides (password, lockout, TOTP); then the role."""

    @wraps(view)
    def checked(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not admin.site.has_permission(request):
            return redirect_to_login(request.get_full_path(), "/admin/login/")
        if not roles.may_use_console(request.user):
            raise PermissionDenied("The staff console is for hotline staff and advocates.")
        response = view(request, *args, **kwargs)
        # Staff pages name places and listings' staff notes: no cache keeps them.
        patch_cache_control(response, no_store=True, private=True)
        return response

    return checked


def _query(form: SearchForm, found: regions.Region) -> search.Query:
    data = form.cleaned_data
    ticked = tuple(item.name for item in search.ELIGIBILITY if data.get(item.name))
    values = tuple(
        (name, str(data[name])) for name in search.VALUE_FILTERS if data.get(name) not in (None, "")
    )
    return search.Query(
        region=found,
        reach=data.get("reach") or search.SERVES,
        types=(data["type"],) if data.get("type") else tuple(search.TYPES),
        ticked=ticked,
        values=values,
        show_all=bool(data.get("show_all")),
    )


def _chips(request: HttpRequest, form: SearchForm) -> list[dict]:
    """Each active filter with the link that removes it (the rest kept)."""
    chips = []
    for key in request.GET:
        if key in {"where", "reach", "print", "discreet"} or not request.GET.get(key):
            continue
        if key not in form.fields:
            continue
        field = form.fields[key]
        value = request.GET[key]
        label = field.label
        if key == "boy_age":
            label = f"Boy aged {value}"
        elif hasattr(field, "choices") and key != "show_all":
            label = f"{field.label}: {dict(field.choices).get(value, value)}"
        kept = [(k, v) for k, v in request.GET.items() if k != key]
        chips.append({"label": label, "url": "?" + urlencode(kept)})
    return chips


def _status(query: search.Query, sections: list[search.Section]) -> str:
    total = sum(len(s.items) + len(s.phone_only) for s in sections)
    noun = "service" if total == 1 else "services"
    if query.reach == search.LOCATED:
        verb = "is located in" if total == 1 else "are located in"
    else:
        verb = "serves" if total == 1 else "serve"
    return f"{total} {noun} {verb} {query.region.label}"


@require_GET
@staff_only
def search_view(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None, initial={"reach": search.SERVES})
    context: dict = {"form": form, "controls": form.controls(), "searched": False}
    status = 200
    if request.GET and form.is_valid() and form.cleaned_data["where"]:
        try:
            found = regions.resolve(form.cleaned_data["where"])
            query = _query(form, found)
            sections = search.run(query)
        except (regions.RegionError, ValueError) as error:
            context["error"] = str(error)
            status = 400
        else:
            now = timezone.now()
            for section in sections:
                build = cards.BUILDERS[section.type]
                section.cards = [build(i, now, section.unmet.get(i.pk, ())) for i in section.items]
                section.phone_cards = [
                    build(i, now, section.unmet.get(i.pk, ())) for i in section.phone_only
                ]
            context.update(
                searched=True,
                query=query,
                sections=sections,
                status_text=_status(query, sections),
                chips=_chips(request, form),
                clear_all="?" + urlencode({"where": found.label, "reach": query.reach}),
                results_url=request.get_full_path(),
                back=urlencode({"back": request.get_full_path()}),
            )
            if request.GET.get("print"):
                return _print(request, context)
    elif request.GET and not form.is_valid():
        context["error"] = "Check the search: " + "; ".join(
            f"{form.fields[k].label if k in form.fields else k}: {' '.join(v)}"
            for k, v in form.errors.items()
        )
        status = 400
    return render(request, "console/search.html", context, status=status)


def _print(request: HttpRequest, context: dict) -> HttpResponse:
    """A handout; `discreet=1` leaves out the words that say what it is about."""
    is_discreet = bool(request.GET.get("discreet"))
    items = []
    for section in context["sections"]:
        for card in [*section.cards, *section.phone_cards]:
            items.append(
                {
                    "name": discreet.name(card.name) if is_discreet else card.name,
                    "organization": discreet.name(card.organization)
                    if is_discreet
                    else card.organization,
                    "phones": card.phones,
                    "hours": card.hours,
                    "intake": card.detail.get("Intake process", ""),
                    "verified": card.verified,
                }
            )
    title = "Places to call" if is_discreet else f"Referrals: {context['query'].region.label}"
    return render(
        request,
        "console/print.html",
        {"items": items, "title": title, "discreet": is_discreet},
    )


@require_GET
@staff_only
def detail(request: HttpRequest, type_: str, pk: int) -> HttpResponse:
    model = MODELS.get(type_)
    if model is None:
        raise Http404("No such listing type.")
    if type_ == "hotlines":
        listing = selectors.public_hotlines().filter(pk=pk).first()
    else:
        listing = model.objects.published().select_related("organization").filter(pk=pk).first()
        if listing is not None:
            prefetch_related_objects([listing], *selectors.ordered_parts(model, "phones", "hours"))
    if listing is None:
        raise Http404("No such published listing.")
    card = cards.BUILDERS[type_](listing, timezone.now())
    back = request.GET.get("back", "")
    if not (back.startswith("/staff/") and url_has_allowed_host_and_scheme(back, None)):
        back = "/staff/"
    return render(
        request,
        "console/detail.html",
        # The staff-only notes (privacy.STAFF_ONLY_FIELDS) are read here and only here.
        {
            "card": card,
            "staff_notes": (
                listing.staff_notes if access.may_read_staff_notes(request.user, listing) else ""
            ),
            "back": back,
        },
    )


@require_GET
@staff_only
def suggest(request: HttpRequest) -> JsonResponse:
    """Completions for the region box (progressive enhancement: the form works without)."""
    return JsonResponse({"suggestions": regions.suggestions(request.GET.get("where", "")[:100])})
