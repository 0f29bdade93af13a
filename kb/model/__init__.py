"""What every step shares: the ontology's names, the event vocabulary, IRIs, dates, actors and places."""
