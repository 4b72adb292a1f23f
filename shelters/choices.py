"""Every closed vocabulary of the directory, as TextChoices."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class Disclosure(models.TextChoices):
    """How much of a shelter's location the public may know."""

    PUBLIC = "public", _("Public: full address and point")
    AREA = "area", _("Area only: an approximate point (grid cell) and county")
    HIDDEN = "hidden", _("Hidden: state and phone only, never in distance search")


class PointSource(models.TextChoices):
    """Where a listing's point came from, so the advocate knows how far to trust it."""

    UNKNOWN = "", _("Not recorded")
    MANUAL = "manual", _("Entered by hand")
    ADDRESS = "address", _("Street address (geocoded)")
    ZIP = "zip", _("ZIP code centre (approximate, within a few km)")
    CITY = "city", _("City centre (approximate)")


class ShelterKind(models.TextChoices):
    EMERGENCY_SHELTER = "emergency_shelter", _("Emergency shelter")
    TRANSITIONAL_HOUSING = "transitional_housing", _("Transitional housing")
    SAFE_HOME_NETWORK = "safe_home_network", _("Safe-home network")
    HOTEL_VOUCHER = "hotel_voucher", _("Hotel/motel voucher program")


class Population(models.TextChoices):
    WOMEN = "women", _("Women")
    MEN = "men", _("Men")
    TRANSGENDER_NONBINARY = "transgender_nonbinary", _("Transgender and nonbinary people")
    LGBTQ = "lgbtq", _("LGBTQ+ people")
    FAMILIES_WITH_CHILDREN = "families_with_children", _("Families with children")
    YOUTH = "youth", _("Youth")
    OLDER_ADULTS = "older_adults", _("Older adults")


class ShelterService(models.TextChoices):
    COUNSELING = "counseling", _("Counseling")
    LEGAL_ADVOCACY = "legal_advocacy", _("Legal advocacy")
    MEDICAL_ACCOMPANIMENT = "medical_accompaniment", _("Medical accompaniment")
    TRANSPORTATION = "transportation", _("Transportation")
    CHILDCARE = "childcare", _("Childcare")
    CASE_MANAGEMENT = "case_management", _("Case management")
    SAFETY_PLANNING = "safety_planning", _("Safety planning")
    SUPPORT_GROUPS = "support_groups", _("Support groups")
    HOUSING_ASSISTANCE = "housing_assistance", _("Housing assistance")
    IMMIGRATION_ADVOCACY = "immigration_advocacy", _("Immigration advocacy")
    PET_SHELTERING = "pet_sheltering", _("Pet sheltering")


class PhoneType(models.TextChoices):
    INTAKE = "intake", _("Intake")
    CRISIS_24H = "crisis_24h", _("24-hour crisis line")
    TEXT = "text", _("Text")
    TTY_VIDEO = "tty_video", _("TTY/video phone")
    MAIN = "main", _("Main office")


class ChannelKind(models.TextChoices):
    VOICE = "voice", _("Voice call")
    TEXT = "text", _("Text message")
    CHAT = "chat", _("Online chat")
    TTY_VIDEO = "tty_video", _("TTY/video phone")


class HotlineTopic(models.TextChoices):
    DOMESTIC_VIOLENCE = "domestic_violence", _("Domestic violence")
    SEXUAL_ASSAULT = "sexual_assault", _("Sexual assault")
    DATING_ABUSE = "dating_abuse", _("Dating abuse")
    CRISIS_SUICIDE = "crisis_suicide", _("Crisis and suicide")
    LGBTQ = "lgbtq", _("LGBTQ+")
    NATIVE_SURVIVORS = "native_survivors", _("Native survivors")
    TRAFFICKING = "trafficking", _("Human trafficking")
    CHILD_ABUSE = "child_abuse", _("Child abuse")
    ELDER_ABUSE = "elder_abuse", _("Elder abuse")
    STALKING = "stalking", _("Stalking")


class Coverage(models.TextChoices):
    NATIONAL = "national", _("National")
    REGIONAL = "regional", _("States, counties or ZIP codes")


class MedicalKind(models.TextChoices):
    EMERGENCY_DEPARTMENT = "emergency_department", _("Emergency department")
    FORENSIC_EXAM_PROGRAM = "forensic_exam_program", _("Sexual-assault forensic exam program")
    CLINIC = "clinic", _("Clinic")
    URGENT_CARE = "urgent_care", _("Urgent care")
    MENTAL_HEALTH = "mental_health", _("Mental health")


class MedicalServiceType(models.TextChoices):
    FORENSIC_EXAM = "forensic_exam", _("Forensic exam")
    INJURY_DOCUMENTATION = "injury_documentation", _("Injury documentation")
    EMERGENCY_CONTRACEPTION = "emergency_contraception", _("Emergency contraception")
    HIV_STI_PROPHYLAXIS = "hiv_sti_prophylaxis", _("HIV/STI prophylaxis")
    STRANGULATION_ASSESSMENT = "strangulation_assessment", _("Strangulation assessment")
    EMERGENCY_CARE = "emergency_care", _("Emergency care")
    PRIMARY_CARE = "primary_care", _("Primary care")
    MENTAL_HEALTH_CARE = "mental_health_care", _("Mental health care")
    CRISIS_COUNSELING = "crisis_counseling", _("Crisis counseling")


class Cost(models.TextChoices):
    FREE = "free", _("Free")
    SLIDING_SCALE = "sliding_scale", _("Sliding scale")
    INSURANCE = "insurance", _("Insurance or payment")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class USState(models.TextChoices):
    AL = "AL", "Alabama"
    AK = "AK", "Alaska"
    AZ = "AZ", "Arizona"
    AR = "AR", "Arkansas"
    CA = "CA", "California"
    CO = "CO", "Colorado"
    CT = "CT", "Connecticut"
    DE = "DE", "Delaware"
    DC = "DC", "District of Columbia"
    FL = "FL", "Florida"
    GA = "GA", "Georgia"
    HI = "HI", "Hawaii"
    ID = "ID", "Idaho"
    IL = "IL", "Illinois"
    IN = "IN", "Indiana"
    IA = "IA", "Iowa"
    KS = "KS", "Kansas"
    KY = "KY", "Kentucky"
    LA = "LA", "Louisiana"
    ME = "ME", "Maine"
    MD = "MD", "Maryland"
    MA = "MA", "Massachusetts"
    MI = "MI", "Michigan"
    MN = "MN", "Minnesota"
    MS = "MS", "Mississippi"
    MO = "MO", "Missouri"
    MT = "MT", "Montana"
    NE = "NE", "Nebraska"
    NV = "NV", "Nevada"
    NH = "NH", "New Hampshire"
    NJ = "NJ", "New Jersey"
    NM = "NM", "New Mexico"
    NY = "NY", "New York"
    NC = "NC", "North Carolina"
    ND = "ND", "North Dakota"
    OH = "OH", "Ohio"
    OK = "OK", "Oklahoma"
    OR = "OR", "Oregon"
    PA = "PA", "Pennsylvania"
    RI = "RI", "Rhode Island"
    SC = "SC", "South Carolina"
    SD = "SD", "South Dakota"
    TN = "TN", "Tennessee"
    TX = "TX", "Texas"
    UT = "UT", "Utah"
    VT = "VT", "Vermont"
    VA = "VA", "Virginia"
    WA = "WA", "Washington"
    WV = "WV", "West Virginia"
    WI = "WI", "Wisconsin"
    WY = "WY", "Wyoming"
    AS = "AS", "American Samoa"
    GU = "GU", "Guam"
    MP = "MP", "Northern Mariana Islands"
    PR = "PR", "Puerto Rico"
    VI = "VI", "U.S. Virgin Islands"


class GuidanceTopic(models.TextChoices):
    """The steps of the path from danger to safety, in the order they are shown."""

    IMMEDIATE_DANGER = "immediate_danger", _("If you are in danger now")
    POLICE = "police", _("Calling the police")
    MEDICAL = "medical", _("Medical care")
    FIND_SHELTER = "find_shelter", _("Finding a safe place")
    YOUR_PRIVACY = "your_privacy", _("Your privacy")


class GuidanceLanguage(models.TextChoices):
    """The languages guidance is written in (settings.LANGUAGES)."""

    ENGLISH = "en", "English"
    SPANISH = "es", "Español"
