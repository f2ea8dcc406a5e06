"""Rules about the plugin chain: execution order, fallthrough, plugins that never pass a query on."""
