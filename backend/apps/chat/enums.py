"""Names that the apps owning rooms share with chat."""

# The kind of a study group's room (its owner id is the group's). Chat knows it for one reason:
# frames about such a room also carry ``group`` during the socket protocol's compatibility
# period (docs/realtime.md).
STUDY_GROUP_KIND = "study_group"
