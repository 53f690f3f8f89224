"""Leaving a field: "I want to get out of healthcare altogether", "anything outside of
teaching?".

Such a message names a cluster, and read for its words alone it is a request to hear about
that cluster, the opposite of what the person asked. The roles it wants share none of the
clusters left, and use what the person already knows (bot.related.roles_outside).
"""

from __future__ import annotations

import re

from bot.catalogue import Catalogue
from bot.matching import matcher_for
from bot.messages import Message, Reply, role_list
from bot.related import roles_outside
from bot.replies import find_cluster

# The words after these name what is left: "get out of", "leave", "quit", "outside of",
# "anything but", "other than". Not "away from" ("away from family" is about hours) nor
# "done with" ("done with night shifts").
LEAVE = re.compile(
    r"\b(?:out of|leav(?:e|ing)|quit(?:ting)?|outside(?: of)?|anything but|other than|not in)\s+"
    r"(?P<words>[\w&'-]+(?:\s+[\w&'-]+){0,3})",
    re.I,
)
# Words after the field that only stress it: "healthcare altogether", "the tech industry".
TRAILING = re.compile(
    r"\b(?:altogether|entirely|completely|totally|for good|anymore|any more|field|industry|sector|world|"
    r"please|now|too)\b.*$",
    re.I,
)
# "leave my job", "quit the job": the job, not a field.
JOB_ITSELF = re.compile(
    r"^(?:my|this|that|the|your|our|current) (?:job|work|role|position|company|employer|place)\b", re.I
)
# "this field", "my industry": the person's own.
OWN_FIELD = re.compile(r"^(?:this|my|the same|that) (?:field|industry|sector|line of work|profession|area)\b", re.I)


def left_clusters(catalogue: Catalogue, text: str, current_code: str | None) -> list[str]:
    """The clusters a message says to leave, or [] when it says none."""
    found = LEAVE.search(text)
    if not found:
        return []
    words = found["words"].strip()
    if JOB_ITSELF.match(words):
        return []
    if OWN_FIELD.match(words) and current_code in catalogue.occupations:
        return catalogue.occupations[current_code].cluster_names
    words = TRAILING.sub("", words).strip()
    if not words:
        return []
    cluster = find_cluster(catalogue, words)
    if cluster is not None:
        return [cluster.name]
    if current_code not in catalogue.occupations:
        return []
    # "quit teaching", "get out of retail": a field of work, left where the person's job is.
    own = catalogue.occupations[current_code].cluster_names
    codes = matcher_for(catalogue).field_occupations(words)[:3]
    return [c for c in own if any(c in catalogue.occupations[code].clusters for code in codes)]


def outside_field(catalogue: Catalogue, text: str, current_code: str | None) -> Reply | None:
    """Roles outside the field the message leaves, from the person's job; a question for
    the job when none is known yet. None when the message leaves no field."""
    left = left_clusters(catalogue, text, current_code)
    if not left:
        return None
    names = " and ".join(left)
    if current_code not in catalogue.occupations:
        return Reply(
            messages=[Message(f"Which job do you do now? I'll look for roles outside {names} that use what you know.")]
        )
    occupation = catalogue.occupations[current_code]
    roles = roles_outside(catalogue, occupation.code, set(left))
    if not roles:
        return Reply(
            messages=[Message(f"I couldn't find roles outside {names} that use much of what {occupation.title} do.")]
        )
    listing = role_list(roles)
    intro = f"Roles outside {names} where much of what you know as {occupation.title.lower()} carries over:"
    return Reply(messages=[Message(f"{intro}\n{listing.text}", buttons=listing.buttons)], slots={"misses": 0.0})
