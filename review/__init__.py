"""Counselor review of stored conversations: list, read, flag, export, delete."""
