"""duban (督办): track the work plans written into Chinese government reports until each item is done."""

__version__ = "0.1.0"
