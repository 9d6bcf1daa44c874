"""Following ideas and being told: the bell, the notifications page, e-mail."""
