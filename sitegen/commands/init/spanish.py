"""The starting words of a site in Spanish: its categories, pages and first writing.

It speaks to readers as "usted", as the theme's own Spanish does. The notes for the
practice start with the same word as in English, "Replace:", so one search finds them all
(site.yaml and the practice's README say to search for it).
"""

from __future__ import annotations

from sitegen.commands.init.wording import Wording

SPANISH = Wording(
    language="es",
    categories=(
        ("Empezar terapia", "Cómo es la terapia y cómo dar el primer paso."),
        ("Ansiedad y estrés", "Preocupación, pánico y presión, y maneras de sentirse más estable."),
        ("Ánimo bajo", "Depresión, cansancio y los pequeños pasos que ayudan."),
        ("Relaciones", "La pareja, la familia y las personas que le importan."),
        ("Cambios de vida", "Pérdidas, transiciones y nuevos comienzos."),
    ),
    description="Replace: una o dos frases sobre a quién ayuda {name}, y dónde y cómo atiende.",
    about_title="Sobre {name}",
    team_note=(
        '[Presente a las personas que atienden aquí. Añada a cada una con `sitegen new clinician "Su Nombre"`:\n'
        "aparecerán en [la página del equipo](/team/), que después puede añadir al menú en site.yaml.]"
    ),
    book_by_phone="llámenos al [{phone}]({url})",
    book_by_link="use [nuestra página de reservas]({url})",
    welcome_title="Bienvenida a {name}",
    welcome_slug="bienvenida",
    journey_slug="una-semana-mas-tranquila",
    about="""\
---
title: {title}
nav_label: Sobre nosotros
description: "Replace: una frase sobre la consulta, que se muestra en los resultados de búsqueda."
---

*Replace: sustituya el texto de esta página por sus propias palabras. Es la página que la
gente lee para decidir si este es un buen lugar para ella: escríbala como les hablaría.*

{name} es [una breve descripción: quiénes son, dónde atienden, en persona o en línea].
{team}
## Cómo trabajamos

[Unas frases sobre su enfoque: cómo es una sesión, en qué tipos de terapia se apoyan y
cómo deciden juntos en qué trabajar.]

## A quién atendemos

[A quién ayudan: adultos, adolescentes, parejas, familias; y los motivos de consulta más
habituales.]

No somos un servicio de urgencias. Si necesita ayuda ahora mismo, el aviso de crisis en la
parte superior de cada página indica a quién llamar.

## Cómo empezar

[Cómo es el primer contacto: una llamada gratuita, un formulario, un correo. Diga en
cuánto tiempo suelen responder.]
""",
    contact="""\
---
title: Contacto
nav_label: Contacto
description: "Cómo ponerse en contacto con {quoted_name} y reservar una primera sesión."
---

*Replace: sustituya los datos entre [corchetes] por los suyos y borre esta línea.*

Para reservar una primera sesión, {booking}. Si antes quiere hacer alguna pregunta,
puede escribirnos o llamarnos:

- Teléfono: [su número, y el horario en que contesta]
- Correo: [su dirección de correo]
- Dirección: [dónde atiende, o "solo en línea"]

Solemos responder en [dos días laborables]. Le pedimos mensajes breves y sin datos de
salud: el correo es cómodo, pero no es privado.

Si está en crisis, no espere nuestra respuesta: el aviso en la parte superior de esta
página indica a quién llamar ahora.
""",
    fees="""\
---
title: Tarifas
nav_label: Tarifas
description: "Cuánto cuestan las sesiones con {quoted_name} y cómo se pagan."
---

*Replace: sustituya cada importe y cada dato entre [corchetes] por los suyos y borre esta
línea.*

Saber el precio antes de empezar hace más fácil el primer paso. Esto es lo que cuestan las
sesiones en {name}:

- Primera consulta: [gratuita, 15 minutos por teléfono]
- Sesión individual: [importe] por [50] minutos
- Sesión de pareja o de familia: [importe] por [75] minutos

## Seguros

[Con qué aseguradoras trabajan, o cómo puede la persona pedir el reembolso por su cuenta.]

## Cancelaciones

[Con cuánta antelación piden que se avise si alguien no puede venir, y qué ocurre si no.]

## Tarifas reducidas

[Si reservan algunas plazas a un precio menor, y cómo pedir una.]
{good_faith_estimate}
Para reservar, {booking}.
""",
    fees_good_faith_estimate=(
        "\n## Estimado de Buena Fe\n\n"
        "Si paga sus sesiones por su cuenta, sin seguro, tiene derecho a recibir por escrito un\n"
        "Estimado de Buena Fe de lo que costarán antes de empezar: solo tiene que pedírnoslo.\n"
        "[Lea sobre su derecho a un Estimado de Buena Fe](/good-faith-estimate/).\n"
    ),
    privacy="""\
---
title: Privacidad
nav_label: Privacidad
description: "Este sitio no usa cookies ni rastreadores. Así trata {quoted_name} su información."
---

*Replace: compare esta página con cómo trabaja de verdad su consulta, sustituya lo que va
entre [corchetes] y borre esta línea.*

Buscar ayuda es algo personal, por eso este sitio está hecho para leerse sin que nadie
observe.

## Lo que este sitio no hace

- No usa cookies.
- No usa analítica, publicidad ni ningún tipo de seguimiento: no sabemos qué páginas lee.
- Todo lo que muestra, también las fuentes y las imágenes, viene de este mismo sitio, así
  que ninguna otra empresa sabe que lo ha visitado.

La empresa que aloja el sitio puede guardar registros técnicos breves de las visitas, por
seguridad. No los usamos para saber quién es usted.

## Su progreso se queda con usted

Los recorridos guiados de este sitio pueden recordar qué días ha terminado. Esa nota se
guarda solo en su navegador, nunca se nos envía, y puede borrarla en cualquier página de
un recorrido.

## Cuando se pone en contacto con nosotros

[Qué hacen con los datos que la gente les envía, cuánto tiempo los guardan y dónde se
guarda la historia clínica cuando alguien empieza la terapia.]

Puede preguntarnos lo que quiera sobre privacidad: [su dirección de correo].
""",
    crisis="""\
---
title: Ayuda en crisis
description: "A quién acudir cuando necesita ayuda ahora mismo."
---

*Replace: enumere aquí las líneas de crisis, los servicios por mensaje y los números de
emergencia a los que pueden acudir sus lectores en {country}, con su horario y a quién
atienden. Compruebe cada número usted mismo antes de publicar y después borre esta línea.*

{notice}

Si está en peligro ahora mismo, llame al número de emergencias de su país.

[Una línea de crisis: su nombre, su número y cuándo atiende.]

[Un servicio por mensaje o chat, si lo hay.]
""",
    welcome="""\
---
title: {title}
date: {date}
category: {category}
description: "Cómo es una primera sesión y cómo dar el primer paso."
---

*Replace: este es el primer artículo de su sitio. Reescríbalo con sus palabras o úselo
de guía para el siguiente. Cada artículo es un archivo en content/articles/.*

Pedir ayuda a un terapeuta por primera vez puede parecer un gran paso. Esta nota quiere
hacerlo un poco más fácil, contando lo que ocurre cuando se pone en contacto con {name}.

## Antes de la primera sesión

La mayoría de las personas empieza con una conversación breve. Puede contar qué le trae,
preguntar cómo trabajamos y ver si le encaja. No hace falta tener las palabras exactas
ni saber todavía qué espera de la terapia.

## La primera sesión

La primera sesión sirve sobre todo para conocerle: qué está pasando ahora, qué ha
probado ya y qué le gustaría que cambiara. Usted decide cuánto contar. También es un
momento para decidir si somos un buen encaje para usted, y esa pregunta merece hacerse.

## Después

Acordamos juntos cada cuánto vernos y en qué centrarnos. La terapia es un trabajo en
común, y puede decir en cualquier momento si algo le ayuda o no.

Si no está seguro de si reservar, también está bien. Una primera conversación es solo
eso, una conversación.
""",
    journey="""\
---
title: Una semana más tranquila
duration: 1 week
category: {category}
sequence: 1
description: Siete prácticas breves, una al día, para notar el estrés y darse un poco más de espacio.
---

# Una semana más tranquila

*Replace: este es un recorrido de ejemplo. Reescríbalo o use su forma para el suyo: cada
sección "## Day N" (se escribe en inglés, como "## Your Journey Plan" y "### Week N") se
convierte en una página, y el plan enumera todos los días de la semana. Los días sin
sección aparecen como "próximamente".*

El estrés suele ir creciendo sin que lo notemos, hasta que parece demasiado. Esta semana
ofrece una pequeña práctica al día, de unos diez minutos, para notar el estrés antes y
recibirlo con algo más de calma. Es información general, no sustituye a una atención
pensada para usted.

## Cómo usar este recorrido

Algunas sugerencias:
- Elija un momento fijo, por ejemplo después del desayuno o antes de dormir.
- Vaya a su ritmo; repetir un día está bien.
- Si una práctica le remueve más de lo que puede sostener, pare y háblelo con alguien de confianza.

## Day 1: Notar el estrés

### Lo que aprenderá hoy

**El estrés habla primero a través del cuerpo.** Los hombros tensos, la mandíbula apretada
o una respiración rápida y corta suelen llegar antes de que pensemos "estoy estresado".

*Ejemplo:* Sam se dio cuenta de que apretaba el volante cada vez que conducía al trabajo,
mucho antes de sentirse preocupado por el día.

### Por qué importa

Notar el estrés pronto le da un momento para elegir qué hacer, mientras todavía es pequeño.

### La práctica de hoy

Paso 1: Tres veces hoy, pare y pregúntese: "¿Dónde noto tensión ahora mismo?"

Paso 2: Anote lo que nota:
- en qué parte del cuerpo lo sintió
- qué estaba pasando en ese momento

### Preguntas para reflexionar

1. ¿Dónde suele aparecer el estrés en su cuerpo?
2. ¿Qué momentos del día le trajeron más tensión?

## Day 2: Una respiración más lenta

### Lo que aprenderá hoy

**Soltar el aire despacio ayuda al cuerpo a calmarse.** No hacen falta respiraciones
profundas: suave y lento funciona mejor.

### Por qué importa

La respiración es una parte de la respuesta al estrés que puede cambiar a propósito, en
cualquier lugar.

### La práctica de hoy

Paso 1: Tome aire con suavidad contando hasta cuatro.

Paso 2: Suéltelo despacio contando hasta seis. Repita durante dos minutos.

### Preguntas para reflexionar

1. ¿Cómo notaba el cuerpo antes y después?
2. ¿En qué momento de su día caben dos minutos lentos?

## Your Journey Plan

### Week 1: Hacer espacio
- Notar el estrés
- Una respiración más lenta
- Poner nombre a lo que siente
- Pequeñas pausas en un día lleno
- Palabras más amables para usted
- Descansar sin culpa
- Mirar atrás la semana

## Qué puede esperar

Al final de la semana quizá le resulte más fácil notar el estrés pronto, y tendrá algunas
prácticas pequeñas a mano para los días pesados.

Recuerde: los pasos pequeños cuentan, y pedir ayuda es uno de ellos.
""",
    clinician="""\
---
name: {name}
credentials: ""   # Replace: p. ej. Psicóloga General Sanitaria, LMFT
role: ""          # Replace: p. ej. Psicóloga clínica
regions: []       # Replace: dónde tiene licencia para ejercer, p. ej. [Madrid]
licenses: []      # Replace: cada licencia o colegiación, p. ej. [{{type: Psicóloga, number: M-12345, region: Madrid}}]
specialties: []   # Replace: p. ej. [Ansiedad, Terapia de pareja]
order: {order}
---

*Replace: escriba aquí la presentación de {shown}, en su propia voz si lo prefiere. Puede
añadir una foto con `photo:` y `photo_alt:` arriba, desde content/images/.*

[Cómo trabaja {shown}, cómo es una primera sesión con esta persona y lo que ayude a quien
lee a sentir que la conoce un poco antes de verla.]
""",
)
