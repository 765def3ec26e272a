/*
** clean.h — the clean stage: from what a reader found to the article text.
**
** td_clean_article turns `a->html` (when set) into `a->text` plus metadata,
** and removes boilerplate from plain text (appeals, newsletter and
** comment-forum lines, captions, bylines) sentence by sentence, recording
** each removal with its reason in `a->removed`. Paragraphs in the result are
** separated by one blank line, lines are trimmed, runs of spaces collapsed.
*/
#ifndef TD_CLEAN_H
#define TD_CLEAN_H

#include "article.h"

/* TD_OK, TD_ENOMEM, or TD_EINPUT with a message in *why (static string)
** when nothing usable is left (for example an empty body). */
int td_clean_article(td_article *a, const char **why);

#endif
