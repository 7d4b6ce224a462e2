"""The new site's first writing: a welcome article, a one-week journey, and a team file per clinician.

They are real examples of each format rather than empty skeletons, so the owner sees how
an article, a journey day and a clinician's page look before writing their own, and each
says at its top what to replace.
"""

from __future__ import annotations

import datetime as dt

from sitegen.commands.init.answers import Answers, Clinician
from sitegen.commands.init.wording import Wording
from sitegen.commands.scaffold import yaml_string
from sitegen.core import layout

JOURNEY_SLUG = "a-calmer-week"


def writing_files(answers: Answers, words: Wording, today: dt.date) -> dict[str, str]:
    files = {
        layout.article_file("welcome"): _WELCOME.format(
            title=yaml_string(f"Welcome to {answers.name}"),
            date=today.isoformat(),
            category=yaml_string(words.first_steps),
            name=answers.name,
        ),
        f"{layout.JOURNEYS}/{JOURNEY_SLUG}.md": _JOURNEY.format(category=yaml_string(words.calmer)),
    }
    for order, clinician in enumerate(answers.clinicians, start=1):
        files[f"{layout.TEAM}/{clinician.slug}.md"] = _team_file(clinician, order)
    return files


def _team_file(clinician: Clinician, order: int) -> str:
    return _CLINICIAN.format(name=yaml_string(clinician.name), shown=clinician.name, order=order)


_WELCOME = """\
---
title: {title}
date: {date}
category: {category}
description: "What a first session is like, and how to take the first step."
---

*Replace: this is your site's first article. Rewrite it in your own words, or keep it
as a guide for your next one. Each article is a file in content/articles/.*

Reaching out to a therapist for the first time can feel like a big step. This short
note is here to make it a little easier, by saying what happens when you get in touch
with {name}.

## Before the first session

Most people start with a short conversation. You can say what is bringing you here,
ask how we work, and see whether it feels right. There is no need to have the right
words, or to know exactly what you want from therapy yet.

## The first session

The first session is mostly about getting to know you: what is going on now, what you
have tried, and what you hope might change. You decide how much to share. It is also a
chance for you to decide whether we are a good fit, and that is a question worth asking.

## After that

Together we agree on how often to meet and what to focus on. Therapy is a collaboration,
and you can say at any point if something is or is not helping.

If you are unsure whether to book, that is all right too. A first conversation is only
a conversation.
"""

_JOURNEY = """\
---
title: A Calmer Week
duration: 1 week
category: {category}
sequence: 1
description: Seven short daily practices for noticing stress and giving yourself a little more room.
---

# A Calmer Week Journey

*Replace: this is a starter journey. Rewrite it, or use its shape for your own: each
"## Day N" section becomes a page, and the plan below lists every day of the week.
Days without a section show as "coming soon".*

Stress often builds without our noticing, until it feels like too much. This week offers
one small practice a day, each taking about ten minutes, to help you notice stress
earlier and meet it with a little more calm. It is general education, not a replacement
for care that fits you.

## How to Use This Journey

A few suggestions:
- Pick a regular moment, such as after breakfast or before bed.
- Go at your own pace; repeating a day is fine.
- If a practice brings up more than you can manage, stop, and talk it through with someone you trust.

## Day 1: Noticing Stress

### Today's Learning

**Stress speaks through the body first.** Tight shoulders, a clenched jaw or a quick,
shallow breath often arrive before we think "I am stressed".

*Example:* Sam noticed that his hands tightened on the steering wheel every time he
drove to work, long before he felt worried about the day.

### Why This Matters

Noticing stress early gives you a moment to choose what to do next, while it is still
small.

### Today's Activity

Step 1: Three times today, pause and ask yourself: "Where do I feel tension right now?"

Step 2: Write down what you notice:
- where in your body you felt it
- what was happening at the time

### Reflection Questions

1. Where does stress tend to show up in your body?
2. Which moments of the day brought the most tension?

## Day 2: A Slower Breath

### Today's Learning

**A longer breath out helps the body settle.** You do not need deep breaths: gentle and
slow works better.

### Why This Matters

Your breath is one part of the stress response you can change on purpose, anywhere.

### Today's Activity

Step 1: Breathe in gently for a count of four.

Step 2: Breathe out slowly for a count of six. Repeat for two minutes.

### Reflection Questions

1. How did your body feel before and after?
2. When in your day could two slow minutes fit?

## Your Journey Plan

### Week 1: Making Room
- Noticing stress
- A slower breath
- Naming what you feel
- Small breaks in a busy day
- Kinder words to yourself
- Rest without guilt
- Looking back on the week

## Expected Outcomes

By the end of the week you may find it easier to notice stress early, and you will have
a few small practices to reach for when a day feels heavy.

Remember: small steps count, and asking for help is one of them.
"""

_CLINICIAN = """\
---
name: {name}
credentials: ""   # Replace: e.g. LMFT, PsyD, LCSW
role: ""          # Replace: e.g. Licensed Marriage and Family Therapist
regions: []       # Replace: where they are licensed, e.g. [Oregon, Washington]
specialties: []   # Replace: e.g. [Anxiety, Couples therapy]
order: {order}
---

*Replace: write {shown}'s introduction here, in their own voice if they like. A photo can
be added with `photo:` and `photo_alt:` above, from content/images/.*

[How {shown} works with clients, what a first session with them is like, and anything
that helps a reader feel they know a little about them before they meet.]
"""
