def load_holidays(*, agency, users, stdout=None):
    """Seeds the holiday table from chinese-calendar (filled in by the workdays capability)."""
