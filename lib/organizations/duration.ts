import { enPages } from "../i18n/messages/en-pages";

/** A link's lifetime as people say it in English: "30 days", "1 day", "6 hours", "1 hour 30 minutes", "15 minutes". */
export const durationText = enPages.duration;
