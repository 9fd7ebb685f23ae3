"""Atelier des Territoires: a QGIS plugin for mapping a territorial strategy live."""


def classFactory(iface):  # noqa: N802 - the name QGIS looks for
    from bassee_atelier_plugin.plugin import AtelierPlugin

    return AtelierPlugin(iface)
