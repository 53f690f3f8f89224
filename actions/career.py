"""Custom actions for the career conversation. Thin: the wording lives in bot/replies.py."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot import replies
from bot.catalogue import shared_catalogue


def send(dispatcher: CollectingDispatcher, reply: replies.Reply, tracker: Tracker) -> list[EventType]:
    reply = replies.after_miss(reply, tracker.get_slot("misses"))
    for message in reply.messages:
        dispatcher.utter_message(text=message.text, buttons=message.buttons or None)
    slots = dict(reply.slots)
    if reply.missed:
        slots["misses"] = (tracker.get_slot("misses") or 0.0) + 1
    return [SlotSet(name, value) for name, value in slots.items()]


def text_of(tracker: Tracker) -> str:
    return tracker.latest_message.get("text") or ""


def intent_of(tracker: Tracker) -> str:
    return (tracker.latest_message.get("intent") or {}).get("name") or ""


class ActionLikedRole(Action):
    def name(self) -> str:
        return "action_liked_role"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        code = tracker.get_slot("occupation_code") if intent_of(tracker) == "choose_occupation" else None
        others: list[tuple[str, str]] = []
        if not code:
            code, others = replies.role_from_tags(tracker.latest_message.get("entities") or [])
        reply = replies.liked_role(shared_catalogue(), text_of(tracker), code, others)
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
        return send(dispatcher, replies.disliked_role(shared_catalogue(), text_of(tracker)), tracker)


class ActionInterest(Action):
    def name(self) -> str:
        return "action_interest"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        return send(dispatcher, replies.interest(shared_catalogue(), text_of(tracker)), tracker)


class ActionMoreRoles(Action):
    def name(self) -> str:
        return "action_more_roles"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        reply = replies.more_roles(
            shared_catalogue(),
            tracker.get_slot("current_code"),
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
        reply = replies.how_to_move(shared_catalogue(), text_of(tracker), tracker.get_slot("current_code"))
        return send(dispatcher, reply, tracker)


class ActionExplainClusters(Action):
    def name(self) -> str:
        return "action_explain_clusters"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        return send(dispatcher, replies.clusters_overview(shared_catalogue()), tracker)


class ActionDescribeCluster(Action):
    def name(self) -> str:
        return "action_describe_cluster"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        reply = replies.describe_cluster(shared_catalogue(), text_of(tracker), tracker.get_slot("cluster"))
        return send(dispatcher, reply, tracker) + [SlotSet("cluster", None)]


class ActionFallback(Action):
    """Low NLU confidence. After two misses in a row, offers a human counselor."""

    def name(self) -> str:
        return "action_fallback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        reply = replies.fallback(shared_catalogue(), text_of(tracker), tracker.get_slot("misses"))
        return send(dispatcher, reply, tracker)


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
