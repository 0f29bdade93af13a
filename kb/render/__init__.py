"""Answers made text: tables, CSV, JSON, Markdown, iCalendar and the HTML timeline."""
