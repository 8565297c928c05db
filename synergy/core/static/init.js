// Starts GOV.UK Frontend's components (error summary focus, buttons, character counts...).
import { initAll } from "/static/govuk/govuk-frontend.min.js";
initAll();
