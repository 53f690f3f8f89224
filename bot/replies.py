"""What the assistant says, as plain data: messages (text + buttons) and the state to keep.

The Rasa actions in actions/ only read the tracker, call one function here and send
the result, so every reply can be tested without Rasa and each channel renders the
same buttons its own way.
"""

from __future__ import annotations

import re

from bot import steering
from bot.advice import money, transition_advice
from bot.catalogue import Catalogue, Cluster, Occupation
from bot.language import looks_english
from bot.limits import was_cut
from bot.matching import Match, Resolution, matcher_for
from bot.messages import Message, Reply, lower_first, payload, role_list
from bot.related import cluster_examples, comparable, related_roles, similarity

CLUSTER_MEANING = (
    "A career cluster is a group of occupations that share skills, knowledge and industry, "
    "so moving within a cluster usually builds on what you already know."
)
FILTER_BUTTONS = [
    ("More options", "/more_options"),
    ("Less schooling", "/less_schooling"),
    ("Higher pay", "/higher_pay"),
    ("Same cluster", "/same_cluster"),
]
FILTER_INTENTS = {
    "more_options": frozenset(),
    "less_schooling": frozenset({"less_schooling"}),
    "higher_pay": frozenset({"higher_pay"}),
    "same_cluster": frozenset({"same_cluster"}),
}
ASK_AGAIN = (
    "I couldn't match that to an occupation. Could you tell me the job title, "
    'for example "I was a dental hygienist", or something you enjoy, like "I love working with numbers"?'
)
TOO_LONG = "That's a long message! Could you tell me in a sentence or two which job you had or what you enjoy?"


def where_in(occupation: Occupation) -> str:
    parts = [f"{cluster} ({', '.join(subs)})" for cluster, subs in occupation.clusters.items()]
    label = "cluster" if len(parts) == 1 else "clusters"
    return f"the {' and '.join(parts)} {label}" if len(parts) == 1 else f"the {', '.join(parts)} {label}"


def _facts(occupation: Occupation) -> str:
    bits = []
    if occupation.median_wage:
        bits.append(f"median pay {money(occupation.median_wage, occupation.median_wage_top_coded)} a year")
    if occupation.education:
        bits.append(f"usually {lower_first(occupation.education)}")
    return "; ".join(bits)


def role_overview(catalogue: Catalogue, code: str, heading: str = "") -> Reply:
    """Confirm the occupation, offer related roles and the ways to narrow them."""
    occupation = catalogue.occupations[code]
    roles = related_roles(catalogue, code, limit=5)
    intro = heading or f"Got it: {occupation.title}."
    facts = _facts(occupation)
    text = f"{intro} That's in {where_in(occupation)}" + (f" ({facts})." if facts else ".")
    # The occupation and the roles it leads to belong in one message (one Slack post).
    messages = [Message(text=text)]
    if roles:
        listing = role_list(roles)
        messages = [Message(text=f"{text}\n{listing.text}", buttons=listing.buttons)]
    elif not occupation.skills and not occupation.related:
        # Military roles: O*NET rates no skills and lists no related occupations for them.
        civilian = civilian_work_like(catalogue, occupation)
        messages = [_civilian_message(text, occupation, civilian)]
        return Reply(
            messages=messages,
            slots={"current_code": code, "current_title": occupation.title, "subject_code": code, "misses": 0.0},
        )
    messages.append(Message(text="Or narrow it down:", buttons=[{"title": t, "payload": p} for t, p in FILTER_BUTTONS]))
    return Reply(
        messages=messages,
        slots={
            "current_code": code,
            "current_title": occupation.title,
            "offered_codes": [r.code for r in roles],
            "subject_code": code,
            "misses": 0.0,
        },
    )


def civilian_work_like(catalogue: Catalogue, occupation: Occupation, limit: int = 5) -> list[Occupation]:
    """Occupations outside its own group whose titles and tasks read closest to its O*NET
    description: for a military role, the civilian work most like it. The two closest in its
    own cluster come first (an infantryman's: police, security), as the cluster is the
    framework's own judgement of shared skills. Only occupations with skills rated, so the
    advice that follows has something to compare."""
    scores = matcher_for(catalogue).semantic().scores(f"{occupation.title}. {occupation.description}")
    group = occupation.code[:2]
    usable = {o.code for o in comparable(catalogue) if o.code[:2] != group}
    ranked = [
        catalogue.occupations[code]
        for code, _ in sorted(scores.items(), key=lambda item: (-item[1], item[0]))
        if code in usable
    ]
    own = set(occupation.clusters)
    picked = [o for o in ranked if own & set(o.clusters)][:2]
    picked += [o for o in ranked if o not in picked][: limit - len(picked)]
    return picked


def _civilian_message(text: str, occupation: Occupation, civilian: list[Occupation]) -> Message:
    lines = [
        f"{text}",
        f"O*NET doesn't rate the skills of {occupation.title.lower()}, so I can't compare them with civilian jobs "
        "skill by skill. Civilian jobs whose work reads closest to it:",
        *(f"- {o.title} ({o.cluster_names[0] if o.cluster_names else 'no cluster'}; {_facts(o)})" for o in civilian),
        'Pick one for transition advice, or tell me what you did day to day ("I ran the motor pool", '
        '"I was a medic") and I\'ll match that to civilian work.',
    ]
    buttons = [{"title": o.title, "payload": payload("pick_role", target_code=o.code)} for o in civilian]
    return Message("\n".join(lines), buttons=buttons)


def clarify(resolution: Resolution, intent: str = "choose_occupation", reason: str | None = None) -> Reply:
    """Ask which occupation was meant, with the candidates as buttons. A `reason` (what the
    person wants away from) rides along, so the answer is steered by it."""
    options = resolution.matches[:4]
    words = resolution.span or resolution.query.strip()
    carried = {"reason": reason} if reason else {}
    buttons = [{"title": m.title, "payload": payload(intent, occupation_code=m.code, **carried)} for m in options]
    buttons.append({"title": "None of these", "payload": "/none_of_these"})
    question = (
        f'"{words}" can mean a few different jobs. Which one is closest?'
        if resolution.source not in ("activity", "meaning") and resolution.span_leads
        else "That sounds like one of these jobs. Which one is closest?"
    )
    return Reply(
        messages=[Message(text=question, buttons=buttons)],
        slots={
            "candidate_codes": [m.code for m in options],
            "candidate_intent": f"{intent}:{reason}" if reason else intent,
        },
    )


NOT_ENGLISH = (
    "Sorry, I can only understand English for now. Could you tell me in English which job "
    'you had or what you enjoy? For example: "I was a nurse" or "I like working with numbers".'
)


def too_long(text: str) -> bool:
    return was_cut(text)


def check_input(catalogue: Catalogue, text: str) -> Reply | None:
    """A reply for messages the engine should not try to read: too long, not English."""
    if too_long(text):
        return Reply(messages=[Message(TOO_LONG)], missed=True)
    if not looks_english(text, matcher_for(catalogue).vocab):
        return Reply(messages=[Message(NOT_ENGLISH)])
    return None


def also_mentioned(catalogue: Catalogue, others: list[tuple[str, str]]) -> Message | None:
    """ "I was a waiter and then a bartender": offer to start from the other roles too."""
    buttons = [
        {"title": catalogue.occupations[code].title, "payload": payload("choose_occupation", occupation_code=code)}
        for _, code in others
        if code in catalogue.occupations
    ]
    if not buttons:
        return None
    names = " and ".join(text for text, _ in others)
    return Message(f"You also mentioned {names}. Want to start from there instead?", buttons=buttons)


def role_from_tags(entities: list[dict]) -> tuple[str | None, list[tuple[str, str]]]:
    """Which tagged role a liked-role reply starts from, given the message's entities
    (CatalogueEntityExtractor's `role`s): (code or None, the other roles as (words, code)).

    Only a message that lists several roles ("a waiter and then a bartender") starts from
    its first tag. A single tag may be a word of the workplace rather than the job
    ("I look after the servers", "nurse clinics"), so then the whole message is resolved,
    where the matcher weighs that word against the meaning of the rest."""
    tags = [e for e in entities if e.get("entity") == "role" and e.get("occupation_codes")]
    firsts = [(e.get("value") or "", e["occupation_codes"][0]) for e in tags if not e.get("ambiguous")]
    if len({code for _, code in firsts}) < 2 or tags[0].get("ambiguous"):
        return None, []
    code = firsts[0][1]
    return code, [(words, other) for words, other in firsts[1:] if other != code]


# Service in the forces said without the role: "I was in the army", "navy veteran".
MILITARY_SERVICE = re.compile(
    r"\b(?:in|with|for) the (?:army|navy|air force|marines?|marine corps|coast guard|national guard|military|"
    r"armed forces|forces|raf|royal navy|british army|reserves?)\b|"
    r"\b(?:army|navy|air force|marines?|military|forces|raf) (?:veteran|vet)\b|\bex[- ](?:military|army|navy|forces|raf)\b|"
    r"\b(?:military|army|navy) (?:service|background)\b|\bveteran\b",
    re.I,
)
WHICH_MILITARY_ROLE = (
    "Thanks for serving. Military roles differ a lot, so what was yours, or what did you do day to day? "
    'For example "infantry", "vehicle mechanic", "medic", "logistics" or "military police".'
)


def liked_role(
    catalogue: Catalogue, text: str, code: str | None = None, others: list[tuple[str, str]] | None = None
) -> Reply:
    """A role the person liked: confirm it and offer related roles, or ask which one.

    `others` are further roles tagged in the same message, as (words, best code)."""
    if code and code in catalogue.occupations:
        reply = role_overview(catalogue, code)
        extra = also_mentioned(catalogue, others or [])
        if extra:
            reply.messages.append(extra)
        return reply
    problem = check_input(catalogue, text)
    if problem:
        return problem
    resolution = matcher_for(catalogue).resolve(text, about_work=True)
    if MILITARY_SERVICE.search(text) and not resolution.by_title:
        # "I served in the navy for 8 years": a branch, not a role ("served" is not food).
        return Reply(messages=[Message(WHICH_MILITARY_ROLE)])
    if resolution.kind == "role" and steering.burned_out(text):
        return steering.burnout_reply(catalogue, resolution.best.code)
    if resolution.kind == "role":
        return role_overview(catalogue, resolution.best.code)
    if resolution.kind == "ambiguous" and steering.burned_out(text):
        # "I'm a teacher, burnt out": which teacher, and the burnout rides along with the choice.
        return clarify(resolution, intent="constraint", reason="stress")
    if resolution.kind == "ambiguous":
        return clarify(resolution)
    if resolution.kind == "interest":
        return interest(catalogue, text, resolution)
    return Reply(messages=[Message(ASK_AGAIN)], missed=True)


# What a bare statement of one's job says besides the job: "I was a journo for 10 years".
BARE_STATEMENT = frozenset(
    "i i'm im i've ive was am is a an the as worked work working been have had for over about almost nearly "
    "since ago my whole then now currently until recently before last used to be and year years month months "
    "decade decades few couple of".split()
)


def _only_the_job(text: str, span: str) -> bool:
    rest = re.sub(re.escape(span), " ", text, flags=re.I) if span else text
    words = re.findall(r"[a-z']+", rest.lower())
    return all(word in BARE_STATEMENT or word.isdigit() for word in words)


def disliked_role(catalogue: Catalogue, text: str) -> Reply:
    """A role the person did not enjoy: acknowledge it and suggest different kinds of work."""
    problem = check_input(catalogue, text)
    if problem:
        return problem
    resolution = matcher_for(catalogue).resolve(text, about_work=True)
    if resolution.kind not in ("role", "ambiguous"):
        return Reply(
            messages=[
                Message(
                    "Sorry that job wasn't a good fit. Which job was it? Knowing that helps me suggest something different."
                )
            ],
            missed=True,
        )
    code = resolution.best.code
    if _only_the_job(text, resolution.span):
        # "I was a journo" came in as a dislike: NLU's guess on a word it never saw. Nothing
        # in the words says so, and asking what went wrong would put words in their mouth.
        return liked_role(catalogue, text)
    if steering.burned_out(text):
        # "a teacher burning out": the strain, not the work, is what they want away from.
        return steering.burnout_reply(catalogue, code)
    hedge = "" if resolution.kind == "role" else f" (I took that as {catalogue.occupations[code].title})"
    # The job's own words are not a reason: "customer service rep" says nothing about customers.
    words = [re.escape(w[:5]) for w in resolution.span.split() if len(w) > 2]
    reason = steering.reason_in(re.sub(rf"\b(?:{'|'.join(words)})\w*", " ", text, flags=re.I) if words else text)
    if reason:
        # "I hated the customers as a cashier": they said what was wrong, so no need to ask.
        reply = steering.steer_reply(catalogue, code, reason)
        reply.slots.update({"current_code": code, "current_title": catalogue.occupations[code].title})
        return reply
    return steering.ask_what_went_wrong(catalogue, code, hedge)


def role_in_words(catalogue: Catalogue, text: str) -> Reply | None:
    """A job NLU could not place but the words name ("fine. i drive trucks. long haul. hate
    being away from family"): a disliked job when they say so, else their job. None when
    the words name no job."""
    if text.startswith("/") or not matcher_for(catalogue).names_work(text):
        return None
    disliked = bool(steering.DISLIKED.search(text))
    if steering.reason_in(text) and not disliked:
        return None  # "no nights or weekends, I have two little kids": a wish, read elsewhere
    reply = disliked_role(catalogue, text) if disliked else liked_role(catalogue, text)
    return None if reply.missed else reply


def interest(catalogue: Catalogue, text: str, resolution: Resolution | None = None) -> Reply:
    """An interest: name the matching clusters, say what a cluster is, offer example roles."""
    problem = check_input(catalogue, text)
    if problem:
        return problem
    resolution = resolution or matcher_for(catalogue).resolve(text)
    if resolution.kind == "role" and resolution.source == "title":
        # "I love being a nurse": a job named outright is the subject, not an interest.
        return liked_role(catalogue, text)
    if resolution.kind != "interest" and matcher_for(catalogue).own_work(text):
        # "I really enjoy my shifts on the forklift at the depot": their job, enjoyed; ask
        # which job rather than read it as an interest.
        return liked_role(catalogue, text)
    if resolution.kind != "interest":
        resolution = matcher_for(catalogue).interests(text)
    if resolution.kind != "interest":
        return Reply(
            messages=[
                Message(
                    "Tell me a bit more about what you enjoy, for example working with numbers, helping people, or fixing things."
                )
            ],
            missed=True,
        )
    names = resolution.clusters[:2]
    examples: list[Occupation] = []
    matcher = matcher_for(catalogue)
    for name in names:
        # The roles nearest what they said; the cluster's most common jobs when nothing is.
        closest = [catalogue.occupations[c] for c in matcher.closest_in_cluster(text, name)]
        examples.extend(o for o in closest or cluster_examples(catalogue, name, limit=3) if o not in examples)
    described = " ".join(f"{n}: {catalogue.clusters[n].description}" for n in names)
    text = f"That points to the {' and '.join(names)} cluster{'s' if len(names) > 1 else ''}. {CLUSTER_MEANING}\n{described}"
    buttons = [
        {"title": o.title, "payload": payload("choose_occupation", occupation_code=o.code)} for o in examples[:5]
    ]
    return Reply(
        messages=[Message(text=text), Message(text="Some example roles to explore:", buttons=buttons)],
        slots={"misses": 0.0},
    )


def more_roles(catalogue: Catalogue, current_code: str | None, intent: str, offered: list[str] | None) -> Reply:
    """Follow-up on the role already discussed: more options, less schooling, higher pay, same cluster."""
    if not current_code or current_code not in catalogue.occupations:
        return Reply(messages=[Message("Which job should I start from? Tell me a role you had or liked.")])
    filters = FILTER_INTENTS.get(intent, frozenset())
    exclude = set(offered or []) if intent == "more_options" else set()
    occupation = catalogue.occupations[current_code]
    roles = related_roles(catalogue, current_code, filters, limit=5, exclude=exclude)
    label = {
        "more_options": "More roles related to",
        "less_schooling": "Roles needing less schooling than",
        "higher_pay": "Better-paid roles related to",
        "same_cluster": "Roles in the same cluster as",
    }.get(intent, "Roles related to")
    if not roles:
        return Reply(
            messages=[
                Message(
                    f"I don't have more roles like that for {occupation.title}. Try another option or a different job."
                )
            ]
        )
    message = role_list(roles)
    message.text = f"{label} {occupation.title}:\n" + message.text.split("\n", 1)[1]
    return Reply(
        messages=[message], slots={"offered_codes": list(dict.fromkeys((offered or []) + [r.code for r in roles]))}
    )


# The pending question "which job are you coming from?" (a Context.candidate_intent).
FROM_JOB = "from_job"


def advice(catalogue: Catalogue, from_code: str | None, to_code: str | None) -> Reply:
    """Transition advice for a move, as the person would read it in a chat."""
    if not to_code or to_code not in catalogue.occupations:
        return Reply(messages=[Message("Which role would you like advice about?")])
    if not from_code or from_code not in catalogue.occupations:
        target = catalogue.occupations[to_code]
        return Reply(
            messages=[
                Message(
                    f"To compare, which job are you coming from? Tell me and I'll explain how to move into {target.title.lower()}."
                )
            ],
            # The next message is read as the job they come from (bot.context.in_context).
            slots={"target_code": to_code, "subject_code": to_code, "candidate_intent": FROM_JOB},
        )
    a = transition_advice(catalogue, from_code, to_code)
    lines = [f"Moving from {a.from_title} to {a.to_title}:", a.summary]
    if a.carry_over:
        lines.append("What carries over: " + ", ".join(r.name for r in a.carry_over) + ".")
    if a.gaps:
        lines.append("What to learn: " + ", ".join(r.name for r in a.gaps) + ".")
    for note in a.notes:
        lines.append(note)
    if a.programs:
        lines.append("Programmes of study: " + "; ".join(f"{t} (CIP {c})" for c, t in a.programs[:3]) + ".")
    buttons = [{"title": t, "payload": p} for t, p in FILTER_BUTTONS]
    return Reply(
        messages=[Message("\n".join(lines)), Message("Want to see other options?", buttons=buttons)],
        slots={"target_code": to_code, "subject_code": to_code, "misses": 0.0},
    )


MOVE_PATTERNS = [
    # "I'm a software engineer but I want to move into cybersecurity"
    re.compile(
        r"\b(?:i'?m|i am|i was|i work as|working as|currently)\s+(?:an?\s+)?(?P<a>.+?)\s*[,.;]?\s+(?:but|and|so|now)?\s*"
        r"(?:i\s*)?(?:want|would like|'d like|wanna|hope|plan|am looking|'m looking|need|am thinking|'m thinking)\s+"
        r"(?:to\s+|of\s+|about\s+)?(?:move|moving|get|getting|go|going|switch\w*|transition\w*|chang\w*|pivot\w*|break\w*)"
        r"\s+(?:careers?\s+)?(?:into|to|over to|towards?)\s+(?:being\s+|becoming\s+)?(?:an?\s+)?(?P<b>.+?)[?.!]*$",
        re.I,
    ),
    re.compile(
        r"\bfrom\s+(?:being\s+)?(?:an?\s+)?(?P<a>.+?)\s+(?:to|into)\s+(?:being\s+|becoming\s+)?(?:an?\s+)?(?P<b>.+?)[?.!]*$",
        re.I,
    ),
    re.compile(r"\bas\s+an?\s+(?P<a>.+?),?\s+(?:how\s+(?:do|can|could)\s+i\s+)?become\s+an?\s+(?P<b>.+?)[?.!]*$", re.I),
    re.compile(r"\b(?:become|becoming)\s+an?\s+(?P<b>.+?)\s+(?:as|if i'?m|when i'?m)\s+an?\s+(?P<a>.+?)[?.!]*$", re.I),
    # "worked in hospitality for 10 years, want something in HR"
    re.compile(
        r"^(?P<a>.+?)[,.;]?\s+(?:but\s+|and\s+|now\s+)?(?:i\s*)?(?:want|'d like|would like|am looking for|'m looking for|"
        r"looking for|need)\s+(?:something|a job|a role|work|a career)\s+(?:in|as|doing)\s+(?:an?\s+)?(?P<b>.+?)[?.!]*$",
        re.I,
    ),
    # "bartender for 5 yrs, want to do something with computers"
    re.compile(
        r"^(?P<a>[\w' -]+?)(?:\s+for\s+\w+\s+(?:years?|yrs?))?\s*[,.;]\s*(?:but\s+|and\s+|now\s+)?(?:i\s+)?"
        r"(?:really\s+)?(?:want|would like|'d like|wanna|hope)\s+to\s+(?:do|try|work in|work with|get into|move into|"
        r"switch to|go into|become)\s+(?:an?\s+)?(?P<b>.+?)(?:\s+but\s+.*)?[?.!]*$",
        re.I,
    ),
    re.compile(
        r"\b(?:become|becoming|switch(?:ing)? (?:over )?to|mov(?:e|ing) into|get(?:ting)? into|go(?:ing)? into|"
        r"transition(?:ing)? (?:in)?to|chang(?:e|ing) (?:careers? )?to|"
        # "been thinking about cybersecurity. realistic?"
        r"(?:been|am|'m|i'?m) thinking (?:about|of)(?: (?:getting|moving|going) into| switching to| becoming)?)"
        r"\s+(?:an?\s+|being\s+an?\s+)?(?P<b>.+?)"
        r"(?:\s+instead)?[?.!]*$",
        re.I,
    ),
]


# What follows the place someone wants to go: "- where do I start", ", is that realistic?"
AFTER_TARGET = re.compile(
    r"\s+[-\u2013\u2014]\s+.*$|\s*[,;:?!(].*$|\.\s+.*$|\s+(?:where|how|what|is that|but|and)\b.*$", re.I
)


def parse_move(text: str) -> tuple[str | None, str | None]:
    """("how do I get from nurse to hospital administrator") -> ("nurse", "hospital administrator")."""
    for pattern in MOVE_PATTERNS:
        found = pattern.search(text.strip())
        if found:
            target = AFTER_TARGET.sub("", found.group("b")).strip() or found.group("b")
            return found.groupdict().get("a"), target
    return None, None


def how_to_move(catalogue: Catalogue, text: str, current_code: str | None) -> Reply:
    """Answer "how do I get from X to Y" directly, asking only where a side is unclear."""
    problem = check_input(catalogue, text)
    if problem:
        return problem
    source_text, target_text = parse_move(text)
    matcher = matcher_for(catalogue)
    target = matcher.resolve(target_text) if target_text else None
    if (target is None or target.kind == "none") and matcher.names_work(text):
        # "SOC analyst ..., want to move into pentesting": where to is unclear, where from is not.
        return liked_role(catalogue, text)
    if target is None or target_text is None or target.kind == "none":
        return Reply(
            messages=[
                Message(
                    'Which job would you like to move into? For example: "How do I get from nurse to hospital administrator?"'
                )
            ],
            missed=True,
        )
    from_code = current_code
    if not source_text:
        # "Been a cop for 12 years. Thinking about switching to paramedic": the job said
        # before the move, when it is a title.
        before = text[: text.lower().rfind(target_text.lower())]
        found = matcher.resolve(before) if before.strip() else None
        # A title, even one of several kinds ("teacher here. thinking of becoming ..."):
        # the likeliest kind is a better start than asking before answering the move.
        titled = found is not None and found.by_title
        source_text = found.span or before if titled and found else None
    source = matcher.resolve(source_text) if source_text else None
    if source is not None and source.kind == "ambiguous" and source.source not in ("title", "partial"):
        source = None  # "worked in hospitality for 10 years" guessed by meaning: ask plainly instead
    if source is not None and source.kind in ("role", "ambiguous"):
        from_code = source.best.code if source.kind == "role" or target.kind == "interest" else from_code
    elif source_text:
        # "from accounting to ...": a field of work stands for its occupation.
        from_code = matcher.field_occupation(source_text) or from_code
    field = matcher.field_occupation(target_text) if target.kind == "interest" else None
    nearby = matcher.field_occupations(target_text) if target.kind == "interest" and not field else []
    if nearby and from_code:
        # "... to data science": statisticians, data scientists ...: the closest moves first.
        options = [
            Match(c, catalogue.occupations[c].title, 1.0, list(catalogue.occupations[c].clusters)) for c in nearby
        ]
        return closest_moves(catalogue, from_code, Resolution(query=target_text, kind="ambiguous", matches=options))
    if field:
        # "... to data science": the field's own occupation is where they want to go.
        target = Resolution(
            query=target_text,
            kind="role",
            matches=[
                Match(field, catalogue.occupations[field].title, 1.0, list(catalogue.occupations[field].clusters))
            ],
        )
    if target.kind == "interest":
        # "into something with computers": a direction rather than a job; show where it leads.
        return direction(catalogue, from_code, target) if from_code else interest(catalogue, target_text, target)
    if target.kind == "ambiguous" and from_code:
        return closest_moves(catalogue, from_code, target)
    if target.kind == "ambiguous":
        reply = clarify(target, intent="pick_role")
        if from_code:
            reply.slots.update({"current_code": from_code, "current_title": catalogue.occupations[from_code].title})
        return reply
    if source is not None and source.kind == "ambiguous":
        reply = clarify(source)
        reply.slots["target_code"] = target.best.code
        return reply
    reply = advice(catalogue, from_code, target.best.code)
    if from_code:
        reply.slots.update({"current_code": from_code, "current_title": catalogue.occupations[from_code].title})
    return reply


def closest_moves(catalogue: Catalogue, from_code: str, target: Resolution) -> Reply:
    """A move into words that fit several roles ("into cybersecurity"): those roles, the
    closest in skills to the person's job first, each leading to transition advice."""
    source = catalogue.occupations[from_code]
    options = sorted(
        (catalogue.occupations[m.code] for m in target.matches[:5] if m.code != from_code),
        key=lambda o: -similarity(source, o),
    )
    words = target.span or target.query.strip()
    lines = [f"- {o.title}: {_facts(o)}" for o in options]
    text = (
        f'"{words}" covers a few roles. From {source.title.lower()}, the closest in skills first:\n'
        + "\n".join(lines)
        + "\nPick one for transition advice."
    )
    buttons = [{"title": o.title, "payload": payload("pick_role", target_code=o.code)} for o in options]
    return Reply(
        messages=[Message(text, buttons=buttons)],
        slots={
            "current_code": from_code,
            "current_title": source.title,
            "candidate_codes": [o.code for o in options],
            "candidate_intent": "pick_role",
            "misses": 0.0,
        },
    )


def direction(catalogue: Catalogue, from_code: str, target: Resolution) -> Reply:
    """A move towards a field rather than a job ("into something with computers"): the
    occupations of its clusters closest in skills to the person's own job."""
    source = catalogue.occupations[from_code]
    codes = {c for name in target.clusters[:2] for c in catalogue.clusters[name].occupation_codes}
    nearest = sorted(
        (catalogue.occupations[c] for c in codes if c.endswith(".00") and c[:7] != from_code[:7]),
        key=lambda o: (-similarity(source, o), o.code),
    )[:5]
    if not nearest:
        return interest(catalogue, target.query, target)
    lines = [f"- {o.title}: {_facts(o)}" for o in nearest]
    buttons = [{"title": o.title, "payload": payload("pick_role", target_code=o.code)} for o in nearest]
    text = (
        f"From {source.title.lower()}, these roles in {' and '.join(target.clusters[:2])} are the closest in skills:\n"
        + "\n".join(lines)
        + "\nPick one for transition advice."
    )
    return Reply(
        messages=[Message(text, buttons=buttons)],
        slots={"current_code": from_code, "current_title": source.title, "misses": 0.0},
    )


def clusters_overview(catalogue: Catalogue) -> Reply:
    names = list(catalogue.clusters)
    text = (
        f"{CLUSTER_MEANING} The National Career Clusters framework (2024) has {len(names)} clusters:\n"
        + "\n".join(f"- {n}" for n in names)
        + "\nAsk me about any of them, or tell me a job you liked."
    )
    buttons = [{"title": n, "payload": payload("describe_cluster", cluster=n)} for n in names[:6]]
    return Reply(messages=[Message(text=text, buttons=buttons)])


def find_cluster(catalogue: Catalogue, text: str) -> Cluster | None:
    """The cluster a message names, by 2024 name, classic name, pathway or nickname."""
    direct = catalogue.cluster(text)
    if direct:
        return direct
    words = re.findall(r"[\w&/,'-]+", text)
    for length in range(min(8, len(words)), 0, -1):
        for start in range(len(words) - length + 1):
            candidate = " ".join(words[start : start + length]).strip(",")
            if len(candidate) < 2 or (length == 1 and candidate.lower() in {"the", "a", "cluster", "and"}):
                continue
            found = catalogue.cluster(candidate)
            if found:
                return found
    return None


def describe_cluster(catalogue: Catalogue, text: str, name: str | None = None) -> Reply:
    cluster = (catalogue.cluster(name) if name else None) or find_cluster(catalogue, text)
    if cluster is None:
        return clusters_overview(catalogue)
    subs = "\n".join(f"- {s.name}: {s.description} ({len(s.occupations)} occupations)" for s in cluster.sub_clusters)
    classic = (
        f" In the classic framework it was {' and '.join(cluster.classic_aliases)}." if cluster.classic_aliases else ""
    )
    examples = cluster_examples(catalogue, cluster.name, limit=5)
    buttons = [{"title": o.title, "payload": payload("choose_occupation", occupation_code=o.code)} for o in examples]
    text = f"{cluster.name}: {cluster.description}{classic}\nSub-clusters:\n{subs}"
    return Reply(messages=[Message(text), Message("Example roles:", buttons=buttons)])


def counselor_offer() -> Message:
    return Message(
        "I'm still not sure I understand. Would you like me to pass this conversation to a career counselor?",
        buttons=[
            {"title": "Yes, connect me", "payload": "/request_counselor"},
            {"title": "No, let's keep going", "payload": "/deny"},
        ],
    )


def after_miss(reply: Reply, misses: float | None) -> Reply:
    """Whatever the intent, the second miss in a row offers a human counselor: someone
    whose job the assistant can't place twice should not be left to try a third time."""
    if reply.missed and (misses or 0.0) + 1 >= 2:
        reply.messages.append(counselor_offer())
    return reply


def fallback(catalogue: Catalogue, text: str, misses: float | None) -> Reply:
    """Low NLU confidence. A bare job title ("doctor") often lands here, so the engine
    gets a look first; otherwise ask again, and on the second miss in a row offer a
    human counselor."""
    if text and not text.startswith("/"):
        problem = check_input(catalogue, text)
        if problem:
            return problem
        resolution = matcher_for(catalogue).resolve(text)
        # A title said outright, a description of one's own work, or an interest; a weak
        # partial match on a message NLU could not place ("is it going to rain
        # tomorrow") is not worth a question.
        if resolution.kind != "none" and resolution.source in ("title", "activity", "interest"):
            return liked_role(catalogue, text)
        # "shopping centre security, CCTV, patrols, dealing with shoplifters".
        described = matcher_for(catalogue).described_work(text)
        if described:
            return clarify(described)
    count = (misses or 0.0) + 1
    if count >= 2:
        return Reply(messages=[counselor_offer()], slots={"misses": count})
    return Reply(
        messages=[Message("Sorry, I didn't catch that. " + ASK_AGAIN.split(". ", 1)[1])],
        slots={"misses": count},
    )
