"""The public search page: anonymous, cookie-free, and thin (shelters.pages.search
does the searching with the API's own parts)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from shelters import public, selectors
from shelters.choices import Population
from shelters.languages import language_choices
from shelters.models import Hotline, MedicalService, Shelter
from shelters.pages import search
from shelters.pages.chrome import page_context

LANGUAGE_PREFIXES = {"en": "", "es": "/es"}


def in_language(view: Callable) -> Callable:
    """Serve `view` in the language its URL prefix names (no cookie, no header
    sniffing: the same URL always answers in the same language), to GET and HEAD."""
    return require_safe(_answered_in(view))


def _answered_in(view: Callable) -> Callable:
    @wraps(view)
    def wrapper(request: HttpRequest, *args, language: str = "en", **kwargs) -> HttpResponse:
        with translation.override(language):
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
        response.headers["Content-Language"] = language
        # Nothing a person opens here belongs in any cache: a listing's page says
        # what someone looked at as much as a search does.
        patch_cache_control(response, no_store=True, private=True)
        return response

    return wrapper


@in_language
def home(request: HttpRequest) -> HttpResponse:
    context = page_context(request)
    context["form"] = _form_values(request)
    context["populations"] = Population.choices
    context["languages"] = language_choices()
    status = 200
    if search.is_search(request.GET):
        try:
            results = search.search(request.GET)
            context["results"] = results
            context.update(_result_links(request, results))
        except search.PageSearchError as error:
            context["errors"] = error.messages
            status = 400
    elif set(request.GET) - {"type"}:
        context["errors"] = [translation.gettext("Enter a ZIP code or a city and state.")]
        status = 400
    return render(request, "public/home.html", context, status=status)


def _with(request: HttpRequest, **changes) -> str:
    """This search's URL with some parameters changed (None drops one); empty
    form fields are left out."""
    query = QueryDict(mutable=True)
    for name, value in request.GET.items():
        if value:
            query[name] = value
    for name, value in changes.items():
        if value is None:
            query.pop(name, None)
        else:
            query[name] = value
    return f"{request.path}?{query.urlencode()}#results"


def _result_links(request: HttpRequest, results: search.PageResults) -> dict:
    links: dict = {"wider_url": None, "next_url": None, "previous_url": None}
    if results.wider_radius_km is not None:
        links["wider_url"] = _with(request, radius_km=f"{results.wider_radius_km:g}", offset=None)
    if results.has_next:
        links["next_url"] = _with(request, offset=str(results.offset + search.PAGE_SIZE))
    if results.offset:
        previous = results.offset - search.PAGE_SIZE
        links["previous_url"] = _with(request, offset=str(previous) if previous > 0 else None)
    return links


def _form_values(request: HttpRequest) -> dict:
    query = request.GET
    return {
        "place": query.get("place", "")[: search.MAX_PLACE_LENGTH],
        "type": query.get("type", "shelters") if query.get("type") in search.TYPES else "shelters",
        "checked": {name for name in query if query.get(name) == "true"},
        "language": query.get("language", ""),
        "population": query.get("population", ""),
    }


DETAILS = {
    "shelters": (Shelter, public.shelter, ("phones", "hours")),
    "medical": (MedicalService, public.medical_service, ("phones", "hours")),
    "hotlines": (Hotline, None, ()),
}


@in_language
def detail(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    if request.GET:
        return _not_found(request, listing=True)
    model, represent, parts = DETAILS[kind]
    if kind == "hotlines":
        listing = selectors.public_hotlines().filter(pk=pk).first()
    else:
        listing = model.objects.published().select_related("organization").filter(pk=pk).first()
    if listing is None:
        return _not_found(request, listing=True)
    if parts:
        prefetch_related_objects([listing], *selectors.ordered_parts(model, *parts))
    lang = translation.get_language()
    payload = (
        public.hotline(listing, lang)
        if kind == "hotlines"
        else represent(listing, timezone.now(), lang)
    )
    context = page_context(request)
    context.update({"kind": kind, "listing": payload})
    return render(request, "public/detail.html", context)


def _not_found(request: HttpRequest, *, listing: bool = False) -> HttpResponse:
    """A 404 that still has the exit, the help numbers and a way back, saying what
    is missing (a listing, or any page at the address). Its language switch leads
    to the other language's home page: the same missing address in the other
    language is missing too."""
    context = page_context(request)
    context["missing_listing"] = listing
    context["other_language_url"] = "/" if translation.get_language() == "es" else "/es/"
    return render(request, "public/not_found.html", context, status=404)


# The site's 404 outside the APIs and staff paths (shelters.views.not_found), to
# any method: a 405 would tell a mistyped address's sender something else.
not_found_page = _answered_in(_not_found)


@in_language
def safety(request: HttpRequest) -> HttpResponse:
    context = page_context(request)
    context["exit_seconds"] = 5
    return render(request, "public/safety.html", context)
