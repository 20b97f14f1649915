"""The demo province as plain Python data: agencies, names, key people, accounts, bloc, portal.

Nothing here touches the database; thidua.demo.loader turns it into service calls.
"""
