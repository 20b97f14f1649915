"""Django's makemessages, also extracting ``N_(...)``: gettext_noop imported under the alias N_
(see core/audit.py), which xgettext's default Python keywords do not cover."""

from django.core.management.commands.makemessages import Command as DjangoMakeMessagesCommand


class Command(DjangoMakeMessagesCommand):
    xgettext_options = [*DjangoMakeMessagesCommand.xgettext_options, "--keyword=N_"]
