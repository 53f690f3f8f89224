"""Custom actions for the career conversation. Thin: the wording lives in bot/replies.py."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot import guide, leaving, replies, steering
from bot.catalogue import shared_catalogue
from bot.context import (
    STOP,
    Context,
    another_wish,
    answer_question,
    first_reading,
    in_context,
    move,
    other_readings,
    unsure,
)
from bot.matching import Matcher, matcher_for
from bot.messages import Message, Reply, payload_entities
from bot.questions import after_none_of_these, read_question


def listed_codes(reply: Reply) -> list[str]:
    """The occupations on the reply's buttons, in order: what "the first one" refers to next."""
    codes = []
    for message in reply.messages:
        for button in message.buttons:
            entities = payload_entities(button.get("payload") or "")
            code = entities.get("target_code") or entities.get("occupation_code")
            if code and code not in codes:
                codes.append(code)
    return codes


def send(dispatcher: CollectingDispatcher, reply: Reply, tracker: Tracker) -> list[EventType]:
    reply = replies.after_miss(reply, tracker.get_slot("misses"))
    for message in reply.messages:
        dispatcher.utter_message(text=message.text, buttons=message.buttons or None)
    slots = dict(reply.slots)
    if reply.missed:
        slots["misses"] = (tracker.get_slot("misses") or 0.0) + 1
    else:
        # A counselor is offered after two misses in a row; understanding ends the run.
        slots.setdefault("misses", 0.0)
    listed = listed_codes(reply)
    if len(listed) > 1:  # one code is a button about the subject, not a list to refer back to
        slots["listed_codes"] = listed
    # A pending "which one?" lasts one turn: whatever comes next has answered or moved on.
    # So does a guided question.
    slots.setdefault("candidate_codes", None)
    slots.setdefault("candidate_intent", None)
    slots.setdefault("guide_pending", False)
    slots.setdefault("reason_pending", False)
    slots.setdefault("asked_aspects", None)
    subject = tracker.get_slot("subject_code")
    if slots.get("subject_code") and subject and slots["subject_code"] != subject:
        slots["previous_subject"] = subject
    return [SlotSet(name, value) for name, value in slots.items()]


def last_listing(tracker: Tracker) -> Message | None:
    """The last bot message with occupations on its buttons, as the person saw it."""
    for event in reversed(tracker.events):
        if event.get("event") != "bot":
            continue
        message = Message(event.get("text") or "", list((event.get("data") or {}).get("buttons") or []))
        if len(listed_codes(Reply(messages=[message]))) > 1:
            return message
    return None


def context_of(tracker: Tracker) -> Context:
    return Context(
        current_code=tracker.get_slot("current_code"),
        subject_code=tracker.get_slot("subject_code"),
        target_code=tracker.get_slot("target_code"),
        listed_codes=list(tracker.get_slot("listed_codes") or []),
        candidate_codes=list(tracker.get_slot("candidate_codes") or []),
        candidate_intent=tracker.get_slot("candidate_intent"),
        previous_subject=tracker.get_slot("previous_subject"),
        asked_aspects=list(tracker.get_slot("asked_aspects") or []),
        guide_pending=bool(tracker.get_slot("guide_pending")),
        guide_riasec=tracker.get_slot("guide_riasec"),
        reason_pending=bool(tracker.get_slot("reason_pending")),
        listing=last_listing(tracker),
    )


def entity(tracker: Tracker, name: str) -> str | None:
    return next((e.get("value") for e in tracker.latest_message.get("entities") or [] if e.get("entity") == name), None)


def text_of(tracker: Tracker) -> str:
    return tracker.latest_message.get("text") or ""


def intent_of(tracker: Tracker) -> str:
    return (tracker.latest_message.get("intent") or {}).get("name") or ""


class ActionLikedRole(Action):
    def name(self) -> str:
        return "action_liked_role"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        code = tracker.get_slot("occupation_code") if intent_of(tracker) == "choose_occupation" else None
        if not code:
            context = context_of(tracker)
            # "I'm a bus driver and I want to get into something in IT": a move, not just a role.
            answer = first_reading(shared_catalogue(), text_of(tracker), context) or steering.steer_in_context(
                shared_catalogue(), text_of(tracker), context
            )
            if answer:
                return send(dispatcher, answer, tracker) + [SlotSet("occupation_code", None)]
        others: list[tuple[str, str]] = []
        if not code:
            code, others = replies.role_from_tags(tracker.latest_message.get("entities") or [])
        reply = replies.liked_role(shared_catalogue(), text_of(tracker), code, others)
        # A question asked from a loose reading of the words, not from a title.
        guessed = (
            not code
            and reply.slots.get("candidate_codes")
            and matcher_for(shared_catalogue()).resolve(text_of(tracker)).source != "title"
        )
        if reply.missed or (guessed and not Matcher.own_work(text_of(tracker))):
            # Nothing (or only a guess from meaning) as a role: "no nights or weekends, I have
            # two little kids", "idk what im doing, graduated hs last year". A guess at a job
            # they say was theirs ("I loved being cabin crew") stays a question about it.
            reply = other_readings(shared_catalogue(), text_of(tracker), context_of(tracker)) or reply
        target = tracker.get_slot("target_code")
        code = code or reply.slots.get("current_code")
        if code and target and target != code and tracker.get_slot("candidate_codes"):
            # The person was clarifying where they come from in "how do I get from X to Y".
            reply = replies.advice(shared_catalogue(), code, target)
            reply.slots.update({"current_code": code, "candidate_codes": None})
        return send(dispatcher, reply, tracker) + [SlotSet("occupation_code", None)]


class ActionDislikedRole(Action):
    def name(self) -> str:
        return "action_disliked_role"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        answer = first_reading(shared_catalogue(), text_of(tracker), context_of(tracker))
        return send(dispatcher, answer or replies.disliked_role(shared_catalogue(), text_of(tracker)), tracker)


class ActionInterest(Action):
    def name(self) -> str:
        return "action_interest"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        answer = first_reading(shared_catalogue(), text_of(tracker), context_of(tracker))
        return send(dispatcher, answer or replies.interest(shared_catalogue(), text_of(tracker)), tracker)


class ActionMoreRoles(Action):
    def name(self) -> str:
        return "action_more_roles"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        catalogue, text, context = shared_catalogue(), text_of(tracker), context_of(tracker)
        answer = first_reading(catalogue, text, context) or another_wish(
            catalogue, text, context, intent_of(tracker) or "more_options"
        )
        if answer:
            return send(dispatcher, answer, tracker)
        reply = replies.more_roles(
            shared_catalogue(),
            tracker.get_slot("current_code") or tracker.get_slot("subject_code"),
            intent_of(tracker) or "more_options",
            tracker.get_slot("offered_codes"),
        )
        return send(dispatcher, reply, tracker)


class ActionTransitionAdvice(Action):
    def name(self) -> str:
        return "action_transition_advice"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        target = tracker.get_slot("target_code") or tracker.get_slot("occupation_code")
        reply = replies.advice(shared_catalogue(), tracker.get_slot("current_code"), target)
        return send(dispatcher, reply, tracker)


class ActionHowToMove(Action):
    def name(self) -> str:
        return "action_how_to_move"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        catalogue, text, context = shared_catalogue(), text_of(tracker), context_of(tracker)
        # "would I have to go back to uni for it" is about the role just discussed.
        return send(dispatcher, in_context(catalogue, text, context) or move(catalogue, text, context), tracker)


class ActionExplainClusters(Action):
    def name(self) -> str:
        return "action_explain_clusters"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        return send(dispatcher, replies.clusters_overview(shared_catalogue()), tracker)


class ActionDescribeCluster(Action):
    def name(self) -> str:
        return "action_describe_cluster"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        catalogue, text = shared_catalogue(), text_of(tracker)
        # "I want to get out of healthcare altogether" names the cluster to leave it.
        reply = leaving.outside_field(catalogue, text, tracker.get_slot("current_code")) or replies.describe_cluster(
            catalogue, text, tracker.get_slot("cluster")
        )
        return send(dispatcher, reply, tracker) + [SlotSet("cluster", None)]


class ActionFallback(Action):
    """Low NLU confidence. After two misses in a row, offers a human counselor."""

    def name(self) -> str:
        return "action_fallback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        catalogue, text, context = shared_catalogue(), text_of(tracker), context_of(tracker)
        reply = (
            first_reading(catalogue, text, context)
            or steering.steer_in_context(catalogue, text, context)
            or replies.role_in_words(catalogue, text)
        )
        if reply is None:
            reply = replies.fallback(catalogue, text, tracker.get_slot("misses"))
            if reply.slots.get("misses", 0.0) >= 1:  # asked again: nothing read as a role
                reply = other_readings(catalogue, text, context) or reply
        return send(dispatcher, reply, tracker)


class ActionOutOfScope(Action):
    """Off-topic, unless the conversation so far gives it a meaning ("something still in
    emergencies but not on the truck" after a paramedic's burnout)."""

    def name(self) -> str:
        return "action_out_of_scope"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        catalogue, text, context = shared_catalogue(), text_of(tracker), context_of(tracker)
        reply = first_reading(catalogue, text, context) or steering.steer_in_context(catalogue, text, context)
        # "pottery is my whole world", "i do landscaping but i want to get into farming":
        # never off-topic here.
        reply = reply or other_readings(catalogue, text, context)
        if reply is None:
            dispatcher.utter_message(response="utter_out_of_scope")
            return []
        return send(dispatcher, reply, tracker)


class ActionAboutOccupation(Action):
    """ "What does an actuary do", "what does the second one pay", "which of those ..."."""

    def name(self) -> str:
        return "action_about_occupation"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        context = context_of(tracker)
        reply = first_reading(shared_catalogue(), text_of(tracker), context) or answer_question(
            shared_catalogue(), text_of(tracker), context
        )
        if reply.missed and not read_question(text_of(tracker)).aspects:
            # "what's the weather like in sydney": a question, but not about work.
            dispatcher.utter_message(response="utter_out_of_scope")
            return []
        return send(dispatcher, reply, tracker)


class ActionSteer(Action):
    """A constraint ("no customers", "less stress") or what a disliked job got wrong."""

    def name(self) -> str:
        return "action_steer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        catalogue, text, context = shared_catalogue(), text_of(tracker), context_of(tracker)
        reply = first_reading(catalogue, text, context) or steering.constraint(
            catalogue, text, entity(tracker, "reason"), context, chosen=entity(tracker, "occupation_code")
        )
        # None: the message names a job and no wish ("I work the front desk at a hotel").
        reply = reply or replies.liked_role(catalogue, text)
        if reply.missed and not context.current_code:
            # No job, no wish, nothing known yet: someone who doesn't know yet.
            reply = unsure(catalogue, text, context)
        return send(dispatcher, reply, tracker)


class ActionGuide(Action):
    """The two guided questions for someone who doesn't know yet; answers ride in the payloads."""

    def name(self) -> str:
        return "action_guide"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        riasec, schooling = entity(tracker, "riasec"), entity(tracker, "schooling")
        if intent_of(tracker) == "guide_schooling" and riasec and schooling:
            reply = guide.result(shared_catalogue(), riasec, schooling)
        elif intent_of(tracker) == "guide_interest" and riasec:
            reply = guide.second_question(riasec)
        elif (
            intent_of(tracker) in ("affirm", "deny", "none_of_these")
            and tracker.get_slot("guide_pending")
            and not STOP.match(text_of(tracker))  # "never mind" ends the questions
        ):
            reply = guide.ask_again(tracker.get_slot("guide_riasec"), agreed=intent_of(tracker) == "affirm")
        else:
            reply = unsure(shared_catalogue(), text_of(tracker), context_of(tracker))
        return send(dispatcher, reply, tracker)


class ActionNoneOfThese(Action):
    """ "None of these" to a "which one?": the job in other words, if the message gives it
    ("none of those. legal secretary"); otherwise ask for it."""

    def name(self) -> str:
        return "action_none_of_these"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        said = after_none_of_these(text_of(tracker)) if not text_of(tracker).startswith("/") else None
        if said:
            reply = replies.liked_role(shared_catalogue(), said)
            if not reply.missed:
                return send(dispatcher, reply, tracker)
        dispatcher.utter_message(response="utter_describe_role")
        return []


class ActionRequestCounselor(Action):
    """Records the request as a slot in the conversation, where counselors look for it."""

    def name(self) -> str:
        return "action_request_counselor"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        dispatcher.utter_message(
            text=(
                "I've flagged this conversation for a career counselor, who will read it and follow up. "
                "Meanwhile, you can keep asking me about jobs you liked or things you enjoy."
            )
        )
        return [SlotSet("counselor_requested", True), SlotSet("misses", 0.0)]
