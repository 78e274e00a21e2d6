# News items and the newsletter: filled by the newsletter issue.
