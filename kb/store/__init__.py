"""Where the triples live: the embedded pyoxigraph store, a remote SPARQL server, and the index graphs."""
