"""The starting words of a site in English: its categories, pages and first writing.

Placeholders in braces ({name}, {booking}…) are filled in by pages.py and writing.py;
[square brackets] and "Replace" lines are for the practice to fill in.
"""

from __future__ import annotations

from sitegen.commands.init.wording import Wording

ENGLISH = Wording(
    language="en",
    categories=(
        ("Starting Therapy", "What therapy is like, and how to take the first step."),
        ("Anxiety & Stress", "Worry, panic and pressure, and ways to feel steadier."),
        ("Low Mood", "Depression, low energy and the small steps that help."),
        ("Relationships", "Partners, family and the people who matter to you."),
        ("Life Changes", "Loss, transitions and new beginnings."),
    ),
    description="Replace: a sentence or two saying who {name} helps, and where and how you meet clients.",
    about_title="About {name}",
    team_note=(
        '[Introduce the people clients would see. Add each one with `sitegen new clinician "Their Name"`:\n'
        "they are listed on [the team page](/team/), which you can then add to the menu in site.yaml.]"
    ),
    book_by_phone="call us on [{phone}]({url})",
    book_by_link="use [our booking page]({url})",
    welcome_title="Welcome to {name}",
    welcome_slug="welcome",
    journey_slug="a-calmer-week",
    about="""\
---
title: {title}
nav_label: About
description: "Replace: one sentence about the practice, shown in search results."
---

*Replace this page's text with your own words. It is the page people read to decide
whether you feel like the right place, so write it as you would speak to them.*

{name} is [a short description: who you are, where you see clients, in person or online].
{team}
## How we work

[A few sentences about your approach: what a session is like, the kinds of therapy you
draw on, and how you and a client decide together what to work on.]

## Who we see

[Who you help: adults, teenagers, couples, families; and the concerns you work with most.]

We are not an emergency service. If you need help right away, the crisis notice at the
top of every page says who to call.

## Getting started

[How a first contact works: a free call, a form, an email. Say how soon people can
expect to hear back.]
""",
    contact="""\
---
title: Contact
nav_label: Contact
description: "How to reach {quoted_name} and book a first session."
---

*Replace the details in [square brackets] with your own, and remove this line.*

To book a first session, {booking}. If you would like to ask something first, you are
welcome to get in touch:

- Phone: [your phone number, and the hours you answer it]
- Email: [your email address]
- Address: [where you see clients, or "online only"]

We usually reply within [two working days]. Please keep messages short and leave out
health details: email is convenient, but not private.

If you are in crisis, please do not wait for our reply: the notice at the top of this
page says who to call now.
""",
    fees="""\
---
title: Fees
nav_label: Fees
description: "What sessions with {quoted_name} cost, and how payment works."
---

*Replace every amount and detail in [square brackets] with your own, and remove this line.*

Knowing the cost before you start makes the first step easier. Here is what sessions cost
at {name}:

- First consultation: [free, 15 minutes by phone]
- Individual session: [amount] for [50] minutes
- Couples or family session: [amount] for [75] minutes

## Insurance

[Which insurers you work with, or how clients can claim the cost back themselves.]

## Cancelling

[How much notice you ask for when someone cannot come, and what happens otherwise.]

## Reduced fees

[Whether you keep some places at a lower fee, and how to ask for one.]
{good_faith_estimate}
To book, {booking}.
""",
    fees_good_faith_estimate=(
        "\n## Good Faith Estimate\n\n"
        "If you pay for your sessions yourself, without insurance, you have the right to a written\n"
        "Good Faith Estimate of what they will cost before you start: just ask us.\n"
        "[Read about your right to a Good Faith Estimate](/good-faith-estimate/).\n"
    ),
    privacy="""\
---
title: Privacy
nav_label: Privacy
description: "This website sets no cookies and uses no trackers. How {quoted_name} handles your information."
---

*Check this page against how your practice really works, replace the parts in
[square brackets], and remove this line.*

Looking for help is personal, so this website is made to be read without anyone
watching.

## What this website does not do

- It sets no cookies.
- It uses no analytics, advertising or tracking of any kind: we do not know which pages
  you read.
- Everything it shows, fonts and images included, comes from this website itself, so no
  other company learns that you visited.

The company that hosts the site may keep brief technical records of requests, for
security. We do not use them to find out who you are.

## Your progress stays with you

The guided journeys on this site can remember which days you have finished. That note
is kept in your own browser only, never sent to us, and you can clear it on any journey
page.

## When you contact us

[What you do with the details people send you, how long you keep them, and where your
clinical records are kept once someone becomes a client.]

Questions about privacy are welcome: [your email address].
""",
    crisis="""\
---
title: Crisis Support
description: "Who to contact when you need help right away."
---

*Replace: list here the crisis lines, text services and emergency numbers your readers
in {country} can reach, each with its hours and who it is for. Check every number
yourself before publishing, then remove this line.*

{notice}

If you are in danger right now, call your local emergency number.

[A crisis line: its name, its number, and when it answers.]

[A text or chat service, if there is one.]
""",
    welcome="""\
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
""",
    journey="""\
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
""",
    clinician="""\
---
name: {name}
credentials: ""   # Replace: e.g. LMFT, PsyD, LCSW
role: ""          # Replace: e.g. Licensed Marriage and Family Therapist
regions: []       # Replace: where they are licensed, e.g. [Oregon, Washington]
licenses: []      # Replace: each licence, e.g. [{{type: LMFT, number: T-1234, region: Oregon}}]
specialties: []   # Replace: e.g. [Anxiety, Couples therapy]
order: {order}
---

*Replace: write {shown}'s introduction here, in their own voice if they like. A photo can
be added with `photo:` and `photo_alt:` above, from content/images/.*

[How {shown} works with clients, what a first session with them is like, and anything
that helps a reader feel they know a little about them before they meet.]
""",
)
