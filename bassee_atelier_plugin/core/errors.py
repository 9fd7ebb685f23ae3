"""The one exception the core raises for anything a user did or gave wrong."""


class AtelierError(Exception):
    """A problem with an atelier file or an argument, worded for the user.

    The message is complete on its own (which file, what is wrong, what to do), so the
    command line prints it as is and the plugin shows it in the message bar.
    """
