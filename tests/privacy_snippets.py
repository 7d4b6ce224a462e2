"""Snippets for the privacy guard's tests: hostile ones that make a browser contact evil.example,
harmless ones that must build. Each hostile one has its own marker (p01, m01, c01) in its URL,
so a test can tell which were caught. The site under test is https://example.org/."""

from __future__ import annotations

# HTML that loads from evil.example, spelt as a browser reads it: each goes into a Markdown
# body, a project template and a static HTML file.
HOSTILE_HTML = [
    # The URL, in every spelling a browser takes to evil.example.
    '<img src="https://evil.example/p01.png" alt="a picture">',
    '<img src="//evil.example/p02.png" alt="a picture">',
    '<img src="///evil.example/p03.png" alt="a picture">',
    '<img src="////evil.example/p04.png" alt="a picture">',
    '<img src="/\\/evil.example/p05.png" alt="a picture">',
    '<img src="\\\\evil.example/p06.png" alt="a picture">',
    '<img src="https:evil.example/p07.png" alt="a picture">',
    '<img src="https:/evil.example/p08.png" alt="a picture">',
    '<img src="https:\\evil.example/p09.png" alt="a picture">',
    '<img src="http:evil.example/p10.png" alt="a picture">',
    '<img src="HTTPS://EVIL.EXAMPLE/p11.png" alt="a picture">',
    '<img src="h\tttps://evil.example/p12.png" alt="a picture">',
    '<img src="https:/\n/evil.example/p13.png" alt="a picture">',
    '<img src="&#x2F;&#x2F;evil.example/p14.png" alt="a picture">',
    '<img src="https&colon;//evil.example/p15.png" alt="a picture">',
    '<img src="&#104;ttps://evil.example/p16.png" alt="a picture">',
    '<img src="  //evil.example/p17.png" alt="a picture">',
    '<img src="//evil.example:443/p18.png" alt="a picture">',
    '<img src="https://example.org@evil.example/p19.png" alt="a picture">',
    '<img src="https://example.org.evil.example/p20.png" alt="a picture">',
    '<img src="//evil.example\\@example.org/p21.png" alt="a picture">',
    '<img src="https://%65vil.example/p22.png" alt="a picture">',
    '<img src="https://evil\u3002example/p23.png" alt="a picture">',
    '<img src="//evil.example?p24" alt="a picture">',
    "<IMG SRC=//evil.example/p25.png ALT=x>",
    '<img/src="//evil.example/p26.png" alt="x">',
    # Every element and attribute that loads.
    '<img alt="a>b" src="//evil.example/p27.png">',
    '<img srcset="/ok.png 1x, //evil.example/p28.png 2x" alt="a picture">',
    '<picture><source srcset="//evil.example/p29.webp"><img src="/ok.png" alt="a picture"></picture>',
    '<input type="image" src="//evil.example/p30.png" alt="Go">',
    '<body background="//evil.example/p31.png">',
    '<table background="//evil.example/p32.png"><tr><td>x</td></tr></table>',
    '<video poster="//evil.example/p33.png"></video>',
    '<video src="//evil.example/p34.mp4"><track src="//evil.example/p34.vtt"></video>',
    '<audio><source src="//evil.example/p35.mp3"></audio>',
    '<object data="//evil.example/p36.svg"></object>',
    '<embed src="//evil.example/p37.svg">',
    '<iframe src="//evil.example/p38.html"></iframe>',
    '<form action="https://evil.example/p39"><button>Send</button></form>',
    '<button formaction="//evil.example/p40">Send</button>',
    '<link rel="stylesheet" href="//evil.example/p41.css">',
    '<link rel="preload" as="image" href="//evil.example/p42.png">',
    '<link rel="icon" href="https:evil.example/p43.ico">',
    '<link rel="preload" as="image" imagesrcset="//evil.example/p44.png 2x">',
    '<svg><image href="//evil.example/p45.png"/></svg>',
    '<svg><image xlink:href="//evil.example/p46.png"/></svg>',
    '<svg><use href="//evil.example/p47.svg#i"/></svg>',
    '<meta http-equiv="refresh" content="0;url=//evil.example/p48">',
    '<meta http-equiv="Refresh" content="5; URL=\'https:evil.example/p49\'">',
    '<script src="//evil.example/p50.js"></script>',
    '<a href="/ok/" ping="//evil.example/p51">a link</a>',
    '<iframe srcdoc="<img src=//evil.example/p52.png>"></iframe>',
    '<base href="//evil.example/p53/">',
    '<noscript><img src="//evil.example/p54.png" alt="a picture"></noscript>',
    '<iframe src="data:text/html,<img src=https:%2F%2Fevil.example/p68.png>"></iframe>',
    "<object data=\"data:text/html,<svg><image href='https://evil.example/p69.png'/></svg>\"></object>",
    '<svg><rect width="9" height="9" fill="url(//evil.example/p55.svg#g)"/></svg>',
    # CSS, in style attributes and <style> blocks.
    '<div style="background:url(//evil.example/p56.png)">x</div>',
    "<div style=\"background:URL( '//evil.example/p57.png' )\">x</div>",
    '<div style="background:url(&#x2F;&#x2F;evil.example/p58.png)">x</div>',
    '<div style="cursor:url(/\\/evil.example/p59.cur),auto">x</div>',
    '<style>@import "//evil.example/p60.css";</style>',
    "<style>@import url(//evil.example/p61.css) screen;</style>",
    "<style>@import/**/'//evil.example/p62.css';</style>",
    '<style>a{background:image-set("//evil.example/p63.png" 1x)}</style>',
    "<style>a{background:-webkit-image-set(url(//evil.example/p64.png) 1x)}</style>",
    "<style>a{background:u\\72l(//evil.example/p65.png)}</style>",
    "<style>a{background:url(\\2f\\2f evil.example/p66.png)}</style>",
    "<style>@font-face{font-family:x;src:url(https:evil.example/p67.woff2)}</style>",
    # SVG animation gives an element a new address while the page shows; speculation rules prefetch.
    '<svg><image href="/ok.png"><set attributeName="href" to="https://evil.example/p70.png"/></image></svg>',
    '<svg><image><animate attributeName="xlink:href" values="/a.png;//evil.example/p71.png"/></image></svg>',
    '<svg><use href="#a"><set attributeName="href" to="//evil.example/p72.svg#g"/></use></svg>',
    '<svg><rect width="9" height="9"><set attributeName="fill" to="url(//evil.example/p73.svg#g)"/></rect></svg>',
    '<script type="speculationrules">{"prefetch":[{"source":"list","urls":["https://evil.example/p74"]}]}</script>',
]

# Markdown's own image syntax: these go into Markdown bodies only.
HOSTILE_MARKDOWN = [
    "![x](///evil.example/m01.png)",
    "![x](////evil.example/m02.png)",
    "![x](https:evil.example/m03.png)",
    "![x](https:/evil.example/m04.png)",
    "![x](https:\\evil.example/m05.png)",
    "![x](<//evil.example/m06.png>)",
    "![x][r]\n\n[r]: ///evil.example/m07.png",
    '![x](//evil.example/m08.png "a title")',
    "![x](/\\/evil.example/m09.png)",
    "![x](HTTPS://EVIL.EXAMPLE/m10.png)",
]

# The Markdown forms of the reproductions: the sanitiser keeps these, so the guard must catch them.
# (m05's backslash is only text to CommonMark: its address comes out as `https:%5Cevil.example/...`,
# a path on this site to a browser, and the sanitiser drops it; the test still proves it never reaches a page.)
REPRODUCED_IN_MARKDOWN = ["m01", "m02", "m03", "m04", "p05", "p07", "p08", "p09"]

# Lines of a static stylesheet.
HOSTILE_CSS = [
    "a{background:url(//evil.example/c01.png)}",
    '@import "//evil.example/c02.css";',
    "@import url('https:evil.example/c03.css');",
    '@import/**/"//evil.example/c04.css";',
    'b{background:image-set("//evil.example/c05.png" 1x)}',
    "c{background:u\\72l(//evil.example/c06.png)}",
    "d{background:url(\\2f\\2f evil.example/c07.png)}",
    'e{background:URL("///evil.example/c08.png")}',
    "@font-face{font-family:f;src:url(/\\/evil.example/c09.woff2)}",
    "f{cursor:url(HTTPS://EVIL.EXAMPLE/c10.cur),auto}",
    'g{background:url( "  //evil.example/c11.png" )}',
    "h{background:-webkit-image-set('https:\\\\evil.example/c12.png' 1x)}",
    "@IMPORT '//evil.example/c13.css';",
    "i{background:Image-Set('//evil.example/c14.png' 1x)}",
    "j{background:Cross-Fade('//evil.example/c15.png' 50%, 'p.png')}",
    "k{background:iMaGe('//evil.example/c16.png')}",
]

# These load nothing from another website, or only from the site itself, in any spelling.
HARMLESS_HTML = [
    '<a href="https://other.example/page">a link to another site</a>',
    '<a href="//other.example/">a scheme-relative link</a>',
    '<a href="https:evil.example">a link, not a load</a>',
    '<a href="mailto:hello@example.org">write to us</a>',
    '<a href="tel:+15550100">call us</a>',
    '<img src="data:image/png;base64,iVBORw0KGgo=" alt="a picture">',
    '<img src="p.png" alt="a picture">',
    '<img src="./p.png" alt="a picture">',
    '<img src="../p.png" alt="a picture">',
    '<img src="/p.png" alt="a picture">',
    '<img src="https://example.org/p.png" alt="a picture">',
    '<img src="//example.org/p.png" alt="a picture">',
    '<img src="HTTPS://EXAMPLE.ORG:443/p.png" alt="a picture">',
    '<img src="https://example.org/p.png" alt="a picture">',
    '<img src="#frag" alt="a picture">',
    '<img src="?q=1" alt="a picture">',
    '<img srcset="/p.png 1x, ./p2.png 2x" alt="a picture">',
    "<p>Type //other.example/ into the address bar, or https:other.example.</p>",
    '<p><code>&lt;img src="//other.example/x.png"&gt;</code></p>',
]

# Harmless in templates and static HTML (the Markdown sanitiser removes these elements).
HARMLESS_TEMPLATE = [
    '<link rel="canonical" href="https://other.example/">',
    '<link rel="alternate" type="application/rss+xml" href="https://other.example/feed.xml">',
    '<form action="/search/"><button>Search</button></form>',
    '<div style="background:url(p.png)">x</div>',
    "<style>a{background:url('/p.png')} b{background:url(data:image/png;base64,iVBORw0KGgo=)}</style>",
    '<style>/* url(//evil.example/x.png) */ a::after{content:"//evil.example"}</style>',
    '<!-- <img src="//evil.example/x.png"> -->',
    '<script type="application/ld+json">{"@context":"https://schema.org"}</script>',
    '<svg><rect width="9" height="9" fill="url(#g)"/></svg>',
]

HARMLESS_CSS = [
    "a{background:url(p.png)}",
    "@import 'more.css';",
    "/* @import url(//evil.example/x.css); */",
    'b::after{content:"https://evil.example/"}',
    "c{background:url(data:image/png;base64,iVBORw0KGgo=)}",
    "d{background:url(//example.org/p.png)}",
]
