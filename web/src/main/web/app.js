// Every page: htmx for the small interactive islands (hx-* attributes), bundled, no inline script.
import htmx from 'htmx.org';

window.htmx = htmx;
