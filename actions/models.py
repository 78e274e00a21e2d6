# The action programme and the agenda: filled by the programme and agenda issues.
