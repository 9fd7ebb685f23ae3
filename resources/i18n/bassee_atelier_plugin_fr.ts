<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>@default</name>
    <message>
        <location filename="../../bassee_atelier_plugin/core/editing/geometry_checks.py" line="35"/>
        <source>Nothing was drawn.</source>
        <translation>Rien n'a été dessiné.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/editing/geometry_checks.py" line="39"/>
        <source>Draw one shape at a time.</source>
        <translation>Dessinez une seule forme à la fois.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/editing/geometry_checks.py" line="46"/>
        <source>A line needs two distinct points: nothing was saved.</source>
        <translation>Une ligne a besoin de deux points distincts : rien n'a été enregistré.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/editing/geometry_checks.py" line="48"/>
        <source>An area needs at least three points that are not in line: nothing was saved.</source>
        <translation>Une zone a besoin d'au moins trois points non alignés : rien n'a été enregistré.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/editing/geometry_checks.py" line="53"/>
        <source>The area crossed itself: it was repaired.</source>
        <translation>La zone se recoupait : elle a été réparée.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/editing/geometry_checks.py" line="57"/>
        <source>This kind of geometry cannot be stored here.</source>
        <translation>Ce type de géométrie ne peut pas être enregistré ici.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/editing/journalled.py" line="52"/>
        <source>{path} is read-only: it cannot be edited.</source>
        <translation>{path} est en lecture seule : il ne peut pas être modifié.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/editing/live.py" line="80"/>
        <source>new stake</source>
        <translation>nouvel enjeu</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/editing/live.py" line="87"/>
        <source>A sketch is a line or an area.</source>
        <translation>Un croquis est une ligne ou une zone.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/editing/live.py" line="88"/>
        <source>new sketch</source>
        <translation>nouveau croquis</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/editing/live.py" line="92"/>
        <source>A note needs a text.</source>
        <translation>Une note a besoin d'un texte.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/editing/live.py" line="95"/>
        <source>A note is placed at a point.</source>
        <translation>Une note se place en un point.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/editing/live.py" line="96"/>
        <source>new note</source>
        <translation>nouvelle note</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/editing/live.py" line="137"/>
        <source>A vote is +1 or -1.</source>
        <translation>Un vote vaut +1 ou -1.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/editing/live.py" line="147"/>
        <source>vote</source>
        <translation>vote</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/editing/live.py" line="154"/>
        <source>status</source>
        <translation>statut</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/editing/live.py" line="160"/>
        <source>These fields are kept by the atelier itself: {fields}</source>
        <translation>Ces champs sont tenus par l'atelier lui-même : {fields}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/editing/live.py" line="169"/>
        <source>edit</source>
        <translation>modification</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/editing/live.py" line="175"/>
        <source>move or reshape</source>
        <translation>déplacement ou remodelage</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/editing/live.py" line="188"/>
        <source>delete</source>
        <translation>suppression</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/editing/live.py" line="202"/>
        <source>{code} is not in the list {list} of this atelier.</source>
        <translation>{code} ne figure pas dans la liste {list} de cet atelier.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/editing/geometry_checks.py" line="93"/>
        <source>This is outside the territory: it was kept, and flagged in the journal.</source>
        <translation>Hors du territoire : conservé, et signalé dans le journal.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/presentation/project.py" line="208"/>
        <source>Atelier des territoires style</source>
        <translation>Style Atelier des territoires</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/processing/provider.py" line="266"/>
        <source>Atelier des Territoires</source>
        <translation>Atelier des Territoires</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/plugin.py" line="130"/>
        <source>New atelier…</source>
        <translation>Nouvel atelier…</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/plugin.py" line="131"/>
        <source>Open atelier…</source>
        <translation>Ouvrir un atelier…</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/processing/provider.py" line="246"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/atelier/new_atelier_dialog.py" line="28"/>
        <source>Vector files (*.geojson *.json *.gpkg *.shp *.fgb);;All files (*)</source>
        <translation>Fichiers vectoriels (*.geojson *.json *.gpkg *.shp *.fgb);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/handoff_menu.py" line="125"/>
        <source>Replace the file?</source>
        <translation>Remplacer le fichier ?</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/atelier/new_atelier_dialog.py" line="48"/>
        <source>{path} already exists. Replace it with a new, empty atelier? Its content will be lost.</source>
        <translation>{path} existe déjà. Le remplacer par un nouvel atelier vide ? Son contenu sera perdu.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/atelier/loader.py" line="42"/>
        <source>Open atelier</source>
        <translation>Ouvrir un atelier</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/atelier/loader.py" line="83"/>
        <source>This atelier is already in the project: it is now selected.</source>
        <translation>Cet atelier est déjà dans le projet : il est maintenant sélectionné.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/atelier/loader.py" line="101"/>
        <source>The atelier was upgraded to the current version; the original is kept as {backup}.</source>
        <translation>L'atelier a été mis à jour vers la version actuelle ; l'original est conservé sous {backup}.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/atelier/loader.py" line="108"/>
        <source>{path} is read-only: it was opened read-only and its layers cannot be edited.</source>
        <translation>{path} est en lecture seule : il a été ouvert en lecture seule et ses couches ne sont pas modifiables.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/atelier/loader.py" line="115"/>
        <source>Atelier opened: {title}</source>
        <translation>Atelier ouvert : {title}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/model/metadata.py" line="62"/>
        <source>The territory name is empty: give the name of the territory.</source>
        <translation>Le nom du territoire est vide : indiquez le nom du territoire.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/stores/geopackage/store.py" line="119"/>
        <source>{path}: an atelier file name ends in .gpkg.</source>
        <translation>{path} : le nom d'un fichier d'atelier se termine par .gpkg.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/stores/geopackage/store.py" line="125"/>
        <source>{path} already exists: it was left untouched (use --force to replace it).</source>
        <translation>{path} existe déjà : il n'a pas été modifié (utilisez --force pour le remplacer).</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/visits/observations.py" line="193"/>
        <source>{folder} is not an existing folder.</source>
        <translation>{folder} n'est pas un dossier existant.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/model/metadata.py" line="64"/>
        <source>Atelier des territoires — {territory}</source>
        <translation>Atelier des territoires — {territory}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/stores/geopackage/store.py" line="133"/>
        <source>Cannot write in {folder}: {error}</source>
        <translation>Impossible d'écrire dans {folder} : {error}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/visits/observations.py" line="150"/>
        <source>Cannot write {path}: {error}</source>
        <translation>Impossible d'écrire {path} : {error}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/stores/geopackage/store.py" line="78"/>
        <source>{path}: no such file.</source>
        <translation>{path} : fichier introuvable.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/atelier/atelier.py" line="67"/>
        <source>{path} is not a vector file GDAL can read.</source>
        <translation>{path} n'est pas un fichier vectoriel lisible par GDAL.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/atelier/atelier.py" line="72"/>
        <source>{path} holds no features.</source>
        <translation>{path} ne contient aucune entité.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/atelier/atelier.py" line="74"/>
        <source>{path} has no coordinate reference system.</source>
        <translation>{path} n'a pas de système de coordonnées de référence.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/atelier/atelier.py" line="86"/>
        <source>Could not copy {path} into the atelier.</source>
        <translation>Impossible de copier {path} dans l'atelier.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/stores/geopackage/store.py" line="80"/>
        <source>{path} is a folder, not an atelier file.</source>
        <translation>{path} est un dossier, pas un fichier d'atelier.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/model/metadata.py" line="34"/>
        <source>{path} was made by a newer version of the plugin (schema {found}, this one reads up to {known}): update the plugin to open it.</source>
        <translation>{path} a été créé par une version plus récente de l'extension (schéma {found}, celle-ci lit jusqu'au schéma {known}) : mettez l'extension à jour pour l'ouvrir.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/stores/geopackage/store.py" line="92"/>
        <source>{path} is an older atelier (schema {found}) and is read-only, so it cannot be upgraded: open a writable copy.</source>
        <translation>{path} est un atelier plus ancien (schéma {found}) en lecture seule : il ne peut pas être mis à jour. Ouvrez-en une copie modifiable.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/atelier/atelier.py" line="92"/>
        <source>{path} is read-only: nothing was changed.</source>
        <translation>{path} est en lecture seule : rien n'a été modifié.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/stores/geopackage/files.py" line="96"/>
        <source>{path} is not a GeoPackage (or it is damaged): it cannot be opened as an atelier.</source>
        <translation>{path} n'est pas un GeoPackage (ou il est endommagé) : il ne peut pas être ouvert comme atelier.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/stores/geopackage/files.py" line="85"/>
        <source>{path} is a GeoPackage but not an atelier (it has no atelier metadata).</source>
        <translation>{path} est un GeoPackage mais pas un atelier (il ne contient pas de métadonnées d'atelier).</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/model/metadata.py" line="54"/>
        <source>{path} has damaged atelier metadata: {error}</source>
        <translation>Les métadonnées d'atelier de {path} sont endommagées : {error}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/stores/ogr_tables.py" line="48"/>
        <source>{crs} is not a coordinate reference system GDAL knows.</source>
        <translation>{crs} n'est pas un système de coordonnées de référence connu de GDAL.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/stores/ogr_tables.py" line="50"/>
        <source>{crs} is in degrees: an atelier needs a projected CRS in metres (e.g. EPSG:2154).</source>
        <translation>{crs} est en degrés : un atelier a besoin d'un SCR projeté en mètres (par exemple EPSG:2154).</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/atelier/atelier.py" line="164"/>
        <source>{path} has no list {name}.</source>
        <translation>{path} n'a pas de liste {name}.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/stores/geopackage/upgrade.py" line="227"/>
        <source>{path} has schema {version}, which this plugin cannot upgrade.</source>
        <translation>{path} est au schéma {version}, que cette extension ne sait pas mettre à jour.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/stores/geopackage/upgrade.py" line="234"/>
        <source>Could not write the backup {backup} before upgrading, so nothing was changed: {error}</source>
        <translation>Impossible d'écrire la sauvegarde {backup} avant la mise à jour : rien n'a été modifié. {error}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/stores/geopackage/upgrade.py" line="248"/>
        <source>Upgrading {path} failed and was undone ({error}); a backup is at {backup}.</source>
        <translation>La mise à jour de {path} a échoué et a été annulée ({error}) ; une sauvegarde se trouve dans {backup}.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/presentation/project.py" line="111"/>
        <source>QGIS cannot read the layer {table} of {path}.</source>
        <translation>QGIS ne peut pas lire la couche {table} de {path}.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/presentation/project.py" line="210"/>
        <source>Could not store the style of {table}: {error}</source>
        <translation>Impossible d'enregistrer le style de {table} : {error}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/presentation/project.py" line="229"/>
        <source>Could not store the QGIS project in {path}: {error}</source>
        <translation>Impossible d'enregistrer le projet QGIS dans {path} : {error}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/atelier/writer.py" line="234"/>
        <source>The atelier has no table {table}.</source>
        <translation>L'atelier n'a pas de table {table}.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/atelier/writer.py" line="243"/>
        <source>No feature {uuid} in {table}.</source>
        <translation>Aucune entité {uuid} dans {table}.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/atelier/writer.py" line="290"/>
        <source>{table} is not a table of atelier features.</source>
        <translation>{table} n'est pas une table d'entités de l'atelier.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/atelier/writer.py" line="305"/>
        <source>Not a valid geometry: {wkt}</source>
        <translation>Géométrie non valide : {wkt}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/editing/live.py" line="216"/>
        <source>Unknown field {field}.</source>
        <translation>Champ inconnu : {field}.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/lifecycle/validation.py" line="26"/>
        <source>schema {found} is older than {current}: open it once to upgrade it</source>
        <translation>le schéma {found} est antérieur au schéma {current} : ouvrez le fichier une fois pour le mettre à jour</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/lifecycle/validation.py" line="36"/>
        <source>table {table} is missing</source>
        <translation>la table {table} est absente</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/stores/geopackage/store.py" line="108"/>
        <source>not a conformant GeoPackage: {error}</source>
        <translation>GeoPackage non conforme : {error}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/stores/geopackage/store.py" line="111"/>
        <source>the SQLite integrity check failed: {verdict}</source>
        <translation>le contrôle d'intégrité SQLite a échoué : {verdict}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/lifecycle/validation.py" line="50"/>
        <source>{table}: field {field} is missing</source>
        <translation>{table} : le champ {field} est absent</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/lifecycle/validation.py" line="52"/>
        <source>{table}: field {field} has the wrong type</source>
        <translation>{table} : le champ {field} n'a pas le bon type</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/lifecycle/validation.py" line="55"/>
        <source>{table}: the geometry type is not {kind}</source>
        <translation>{table} : le type de géométrie n'est pas {kind}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/lifecycle/validation.py" line="59"/>
        <source>{table}: its CRS {found} is not the atelier&apos;s {crs}</source>
        <translation>{table} : son SCR {found} n'est pas celui de l'atelier ({crs})</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/lifecycle/validation.py" line="68"/>
        <source>{table}: {count} rows have no UUID</source>
        <translation>{table} : {count} lignes n'ont pas d'UUID</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/lifecycle/validation.py" line="86"/>
        <source>{table}.{field}: values not in the list {list}: {values}</source>
        <translation>{table}.{field} : valeurs absentes de la liste {list} : {values}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/lifecycle/validation.py" line="103"/>
        <source>no layer styles are stored</source>
        <translation>aucun style de couche n'est enregistré</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/lifecycle/validation.py" line="106"/>
        <source>{table}: no default style is stored</source>
        <translation>{table} : aucun style par défaut n'est enregistré</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/lifecycle/validation.py" line="114"/>
        <source>no QGIS project is stored</source>
        <translation>aucun projet QGIS n'est enregistré</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/lifecycle/validation.py" line="116"/>
        <source>the QGIS project &apos;{name}&apos; is not stored</source>
        <translation>le projet QGIS « {name} » n'est pas enregistré</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/presentation/snapshot.py" line="48"/>
        <source>{path} has no readable QGIS project: {error}</source>
        <translation>{path} ne contient pas de projet QGIS lisible : {error}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/presentation/snapshot.py" line="53"/>
        <source>Could not write the picture {path}.</source>
        <translation>Impossible d'écrire l'image {path}.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/presentation/snapshot.py" line="60"/>
        <source>{side} pixels is not a usable picture size: give a width and height from 1 to {max}.</source>
        <translation>{side} pixels n'est pas une taille d'image utilisable : indiquez une largeur et une hauteur de 1 à {max}.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/presentation/snapshot.py" line="70"/>
        <source>{path}: the snapshot is a PNG picture, its name ends in .png.</source>
        <translation>{path} : l'instantané est une image PNG, son nom se termine par .png.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/presentation/snapshot.py" line="74"/>
        <source>Cannot write {path}: check the name and the permissions.</source>
        <translation>Impossible d'écrire {path} : vérifiez le nom et les droits d'accès.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/stores/geopackage/store.py" line="107"/>
        <source>the GeoPackage structure is damaged ({error})</source>
        <translation>la structure du GeoPackage est endommagée ({error})</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/atelier/atelier.py" line="70"/>
        <source>{path} has no layer {layer}.</source>
        <translation>{path} n'a pas de couche {layer}.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/plugin.py" line="133"/>
        <source>Live workshop</source>
        <translation>Atelier en direct</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/atelier_dock.py" line="24"/>
        <source>No atelier is open in the project.</source>
        <translation>Aucun atelier n'est ouvert dans le projet.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/session_chooser.py" line="42"/>
        <source>Session</source>
        <translation>Séance</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/session_chooser.py" line="43"/>
        <source>Group</source>
        <translation>Groupe</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/projector.py" line="322"/>
        <source>Stakes</source>
        <translation>Enjeux</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/live_dock.py" line="139"/>
        <source>(no reading)</source>
        <translation>(sans lecture)</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/live_dock.py" line="143"/>
        <source>Reading</source>
        <translation>Lecture</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/live_dock.py" line="146"/>
        <source>Point</source>
        <translation>Point</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/live_dock.py" line="156"/>
        <source>Line</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/live_dock.py" line="156"/>
        <source>Area</source>
        <translation>Zone</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/live_dock.py" line="151"/>
        <source>Fast mode (no form after drawing)</source>
        <translation>Mode rapide (pas de formulaire après le dessin)</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/live_dock.py" line="155"/>
        <source>Sketches (freehand)</source>
        <translation>Croquis (à main levée)</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visits/observation_dialog.py" line="70"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/live_dock.py" line="163"/>
        <source>On the map</source>
        <translation>Sur la carte</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/live_dock.py" line="164"/>
        <source>Vote +1 / −1</source>
        <translation>Vote +1 / −1</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/live_dock.py" line="165"/>
        <source>Left click on a stake: +1; right click: −1</source>
        <translation>Clic gauche sur un enjeu : +1 ; clic droit : −1</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/live_dock.py" line="166"/>
        <source>Move</source>
        <translation>Déplacer</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/live_dock.py" line="167"/>
        <source>Reshape</source>
        <translation>Remodeler</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/live_dock.py" line="168"/>
        <source>Drag a vertex of a line or an area</source>
        <translation>Faire glisser un sommet d'une ligne ou d'une zone</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/live_dock.py" line="169"/>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/live_dock.py" line="171"/>
        <source>Status (one click on a stake):</source>
        <translation>Statut (un clic sur un enjeu) :</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/projector.py" line="56"/>
        <source>Undo</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/projector.py" line="57"/>
        <source>Redo</source>
        <translation>Rétablir</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/session_chooser.py" line="26"/>
        <source>Add…</source>
        <translation>Ajouter…</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/session_chooser.py" line="53"/>
        <source>(no session)</source>
        <translation>(sans séance)</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/session_chooser.py" line="67"/>
        <source>(no group)</source>
        <translation>(sans groupe)</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/session_chooser.py" line="75"/>
        <source>New session</source>
        <translation>Nouvelle séance</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/session_chooser.py" line="75"/>
        <source>Title of the session:</source>
        <translation>Titre de la séance :</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/session_chooser.py" line="80"/>
        <source>New group</source>
        <translation>Nouveau groupe</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/session_chooser.py" line="80"/>
        <source>Name of the group (table):</source>
        <translation>Nom du groupe (table) :</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/live_dock.py" line="331"/>
        <source>Text of the note:</source>
        <translation>Texte de la note :</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/live_session.py" line="150"/>
        <source>Open an atelier first: there is nothing to draw on.</source>
        <translation>Ouvrez d'abord un atelier : il n'y a rien sur quoi dessiner.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/live_session.py" line="173"/>
        <source>Undone: {what}</source>
        <translation>Annulé : {what}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/live_session.py" line="173"/>
        <source>Nothing to undo.</source>
        <translation>Rien à annuler.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/live_session.py" line="176"/>
        <source>Redone: {what}</source>
        <translation>Rétabli : {what}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/live_session.py" line="176"/>
        <source>Nothing to redo.</source>
        <translation>Rien à rétablir.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/projector_overlays.py" line="118"/>
        <source>Themes on the map</source>
        <translation>Thèmes sur la carte</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/projector_overlays.py" line="174"/>
        <source>Projector mode: keyboard shortcuts</source>
        <translation>Mode projecteur : raccourcis clavier</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/projector.py" line="52"/>
        <source>Whole territory</source>
        <translation>Tout le territoire</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/projector.py" line="53"/>
        <source>Commune under the pointer</source>
        <translation>La commune sous le pointeur</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/projector.py" line="54"/>
        <source>Site under the pointer, at 1:5,000</source>
        <translation>Le site sous le pointeur, au 1/5 000</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/projector.py" line="55"/>
        <source>Click a theme</source>
        <translation>Clic sur un thème</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/projector.py" line="55"/>
        <source>Place a stake of that theme</source>
        <translation>Placer un enjeu de ce thème</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/projector.py" line="58"/>
        <source>H or ?</source>
        <translation>H ou ?</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/projector.py" line="58"/>
        <source>Show or hide this help</source>
        <translation>Afficher ou masquer cette aide</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/projector.py" line="59"/>
        <source>Projector mode on or off</source>
        <translation>Entrer dans le mode projecteur ou en sortir</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/projector.py" line="60"/>
        <source>Esc</source>
        <translation>Échap</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/projector.py" line="60"/>
        <source>Leave projector mode</source>
        <translation>Quitter le mode projecteur</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/projector.py" line="105"/>
        <source>Projector mode</source>
        <translation>Mode projecteur</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/projector.py" line="109"/>
        <source>Full-screen map for the projector ({keys})</source>
        <translation>Carte en plein écran pour le projecteur ({keys})</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/projector.py" line="129"/>
        <source>Open an atelier first: projector mode shows its themes.</source>
        <translation>Ouvrez d'abord un atelier : le mode projecteur montre ses thèmes.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/projector.py" line="243"/>
        <source>No commune here: point at one of the territory.</source>
        <translation>Pas de commune ici : pointez une commune du territoire.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/projector.py" line="324"/>
        <source>Sketches</source>
        <translation>Croquis</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/projector.py" line="325"/>
        <source>H: shortcuts · Esc: leave</source>
        <translation>H : raccourcis · Échap : quitter</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/stake_form.py" line="17"/>
        <source>About this stake</source>
        <translation>À propos de cet enjeu</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/stake_form.py" line="21"/>
        <source>(no actor)</source>
        <translation>(sans acteur)</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/stake_form.py" line="25"/>
        <source>Skip</source>
        <translation>Passer</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/stake_form.py" line="29"/>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/stake_form.py" line="30"/>
        <source>Comment</source>
        <translation>Commentaire</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/stake_form.py" line="31"/>
        <source>Actor</source>
        <translation>Acteur</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/editing/live.py" line="113"/>
        <source>An observation is placed at a point.</source>
        <translation>Une observation se place en un point.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/editing/live.py" line="119"/>
        <source>{file} is already in the atelier: it was not stored twice.</source>
        <translation>{file} est déjà dans l'atelier : elle n'a pas été enregistrée deux fois.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/editing/live.py" line="125"/>
        <source>new observation</source>
        <translation>nouvelle observation</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/editing/live.py" line="131"/>
        <source>new itinerary</source>
        <translation>nouvel itinéraire</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/visits/photos.py" line="78"/>
        <source>{file}: cannot be read ({error}).</source>
        <translation>{file} : lecture impossible ({error}).</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/visits/photos.py" line="80"/>
        <source>{file}: too large ({size:.0f} MB; the limit, set in the plugin&apos;s settings, is {limit:.0f} MB).</source>
        <translation>{file} : trop volumineux ({size:.0f} Mo ; la limite, fixée dans les réglages de l'extension, est de {limit:.0f} Mo).</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/visits/photos.py" line="146"/>
        <source>{file}: the image is truncated or damaged ({error}).</source>
        <translation>{file} : l'image est tronquée ou abîmée ({error}).</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/visits/photos.py" line="139"/>
        <source>{file}: HEIC photos cannot be read here (no decoder installed); export them as JPEG.</source>
        <translation>{file} : les photos HEIC ne peuvent pas être lues ici (aucun décodeur installé) ; exportez-les en JPEG.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/visits/photos.py" line="142"/>
        <source>{file}: not an image format this plugin can read.</source>
        <translation>{file} : format d'image que l'extension ne sait pas lire.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/visits/observations.py" line="50"/>
        <source>{observations} observation(s) and {attachments} photo(s) added; {duplicates} already in the atelier; {unplaced} without position; {failed} refused.</source>
        <translation>{observations} observation(s) et {attachments} photo(s) ajoutée(s) ; {duplicates} déjà dans l'atelier ; {unplaced} sans position ; {failed} refusée(s).</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/visits/observations.py" line="163"/>
        <source>none yet</source>
        <translation>aucune pour l'instant</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/visits/observations.py" line="164"/>
        <source>{atelier} has no session {session}. Its sessions: {known}.</source>
        <translation>{atelier} n'a pas de séance {session}. Ses séances : {known}.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/visits/gpx_check.py" line="60"/>
        <source>{file}: not a readable GPX file ({error}).</source>
        <translation>{file} : fichier GPX illisible ({error}).</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/visits/gpx_check.py" line="146"/>
        <source>{file}: not a GPX file.</source>
        <translation>{file} : ce n'est pas un fichier GPX.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/visits/gpx.py" line="203"/>
        <source>An itinerary needs at least two distinct positions; nothing was added.</source>
        <translation>Un itinéraire demande au moins deux positions distinctes ; rien n'a été ajouté.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visits/photo_widget.py" line="68"/>
        <source>(no photo)</source>
        <translation>(pas de photo)</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visits/photo_widget.py" line="81"/>
        <source>Photo (atelier)</source>
        <translation>Photo (atelier)</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visits/observation_dialog.py" line="28"/>
        <source>Images ({patterns})</source>
        <translation>Images ({patterns})</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visits/visit_dock.py" line="64"/>
        <source>Observation</source>
        <translation>Observation</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visits/observation_dialog.py" line="48"/>
        <source>What is seen here</source>
        <translation>Ce que l'on voit ici</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visits/observation_dialog.py" line="51"/>
        <source>Add photos…</source>
        <translation>Ajouter des photos…</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visits/observation_dialog.py" line="53"/>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visits/observation_dialog.py" line="59"/>
        <source>unknown</source>
        <translation>inconnue</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visits/observation_dialog.py" line="71"/>
        <source>Photos</source>
        <translation>Photos</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visits/observation_dialog.py" line="73"/>
        <source>Accuracy</source>
        <translation>Précision</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visits/observation_dialog.py" line="77"/>
        <source>Photos of the observation</source>
        <translation>Photos de l'observation</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visits/session_photos_dialog.py" line="43"/>
        <source>Session photos</source>
        <translation>Photos de la séance</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visits/session_photos_dialog.py" line="67"/>
        <source>This session has no photos yet.</source>
        <translation>Cette séance n'a pas encore de photos.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visits/session_photos_dialog.py" line="69"/>
        <source>Export…</source>
        <translation>Exporter…</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visits/session_photos_dialog.py" line="91"/>
        <source>Export the photo</source>
        <translation>Exporter la photo</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visits/session_photos_dialog.py" line="99"/>
        <source>Photo exported to {path}.</source>
        <translation>Photo exportée vers {path}.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/plugin.py" line="134"/>
        <source>Site visit</source>
        <translation>Visite de terrain</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visits/visit_dock.py" line="63"/>
        <source>Observations</source>
        <translation>Observations</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visits/visit_dock.py" line="65"/>
        <source>Click on the map where the observation was made</source>
        <translation>Cliquez sur la carte là où l'observation a été faite</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visits/visit_dock.py" line="69"/>
        <source>Observation at the GPS position</source>
        <translation>Observation à la position GPS</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visits/visit_dock.py" line="70"/>
        <source>Uses the GPS connected in QGIS, and keeps its accuracy</source>
        <translation>Utilise le GPS connecté dans QGIS et garde sa précision</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visits/visit_dock.py" line="236"/>
        <source>Record the route (GPS)</source>
        <translation>Enregistrer le trajet (GPS)</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visits/visit_dock.py" line="80"/>
        <source>Imports</source>
        <translation>Imports</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visits/visit_dock.py" line="81"/>
        <source>Import a folder of photos…</source>
        <translation>Importer un dossier de photos…</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visits/visit_dock.py" line="85"/>
        <source>Session photos…</source>
        <translation>Photos de la séance…</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visits/visit_dock.py" line="91"/>
        <source>Photos without position (select one, then click on the map):</source>
        <translation>Photos sans position (choisissez-en une, puis cliquez sur la carte) :</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visits/visit_dock.py" line="99"/>
        <source>Photo settings</source>
        <translation>Réglages des photos</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visits/photo_settings.py" line="22"/>
        <source>Photos of a folder taken this close together make one observation (0: never)</source>
        <translation>Les photos d'un dossier prises à cette distance les unes des autres forment une seule observation (0 : jamais)</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visits/photo_settings.py" line="28"/>
        <source>Keep the original files in the atelier</source>
        <translation>Garder les fichiers originaux dans l'atelier</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visits/photo_settings.py" line="45"/>
        <source>Join distance</source>
        <translation>Distance de regroupement</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visits/photo_settings.py" line="46"/>
        <source>Display copy size</source>
        <translation>Taille de la copie d'affichage</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visits/photo_settings.py" line="48"/>
        <source>Largest photo file</source>
        <translation>Fichier photo le plus lourd accepté</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visits/visit_dock.py" line="202"/>
        <source>No GPS is connected: connect one in QGIS (View › Panels › GPS Information) first.</source>
        <translation>Aucun GPS n'est connecté : connectez-en un dans QGIS (Vue › Panneaux › Informations GPS) d'abord.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visits/visit_dock.py" line="215"/>
        <source>The GPS has no position yet: wait for a fix, outdoors.</source>
        <translation>Le GPS n'a pas encore de position : attendez qu'il capte, à l'extérieur.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visits/visit_dock.py" line="234"/>
        <source>Stop and keep the route</source>
        <translation>Arrêter et garder le trajet</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visits/visit_dock.py" line="239"/>
        <source>GPS route</source>
        <translation>Trajet GPS</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visits/visit_dock.py" line="241"/>
        <source>The GPS gave no position: no route was added.</source>
        <translation>Le GPS n'a donné aucune position : aucun trajet n'a été ajouté.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visits/visit_dock.py" line="244"/>
        <source>Route added: {count} positions.</source>
        <translation>Trajet ajouté : {count} positions.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visits/visit_dock.py" line="252"/>
        <source>Folder of photos</source>
        <translation>Dossier de photos</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visits/visit_dock.py" line="258"/>
        <source>Importing photos…</source>
        <translation>Import des photos…</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visits/visit_dock.py" line="258"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visits/visit_dock.py" line="268"/>
        <source>Importing {file} ({done}/{total})…</source>
        <translation>Import de {file} ({done}/{total})…</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visits/visit_dock.py" line="301"/>
        <source>Import stopped: {summary}</source>
        <translation>Import arrêté : {summary}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visits/visit_dock.py" line="309"/>
        <source>GPX files (*.gpx)</source>
        <translation>Fichiers GPX (*.gpx)</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/deliverables/exports.py" line="76"/>
        <source>(no extension)</source>
        <translation>(sans extension)</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/plugin.py" line="135"/>
        <source>Roadmap</source>
        <translation>Feuille de route</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/processing/provider.py" line="65"/>
        <source>Create an atelier</source>
        <translation>Créer un atelier</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/processing/provider.py" line="68"/>
        <source>An empty atelier GeoPackage for a territory, styled, with the communes as context if given.</source>
        <translation>Un atelier GeoPackage vide pour un territoire, stylé, avec les communes en contexte si elles sont fournies.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/processing/provider.py" line="71"/>
        <source>Territory</source>
        <translation>Territoire</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/processing/provider.py" line="72"/>
        <source>Projected CRS</source>
        <translation>SCR projeté</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/processing/provider.py" line="75"/>
        <source>Communes (a vector file)</source>
        <translation>Communes (un fichier vecteur)</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/processing/provider.py" line="209"/>
        <source>Atelier</source>
        <translation>Atelier</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/processing/provider.py" line="143"/>
        <source>Export the roadmap (feuille de route)</source>
        <translation>Exporter la feuille de route</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/deliverables/exports.py" line="71"/>
        <source>Unknown deliverable {kind}: choose one of {kinds}.</source>
        <translation>Livrable inconnu {kind} : choisissez parmi {kinds}.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/deliverables/exports.py" line="76"/>
        <source>{file}: this deliverable is written as {suffixes}, not {suffix}.</source>
        <translation>{file} : ce livrable s'écrit en {suffixes}, pas en {suffix}.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/deliverables/replay.py" line="65"/>
        <source>Cannot read the QGIS project stored in {path}: {error}</source>
        <translation>Impossible de lire le projet QGIS enregistré dans {path} : {error}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/deliverables/exports.py" line="148"/>
        <source>QGIS could not export the layout {layout} to {path}. {error}</source>
        <translation>QGIS n'a pas pu exporter la mise en page {layout} vers {path}. {error}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/deliverables/synthesis.py" line="86"/>
        <source>The atelier has no stake yet: the synthesis shows the territory only.</source>
        <translation>L'atelier n'a encore aucun enjeu : la synthèse ne montre que le territoire.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/deliverables/action_sheets.py" line="30"/>
        <source>The atelier has no action yet: add actions to the roadmap before exporting the action sheets.</source>
        <translation>L'atelier n'a encore aucune action : ajoutez des actions à la feuille de route avant d'exporter les fiches actions.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/deliverables/action_sheets.py" line="45"/>
        <source>The sheet of the action “{action}” cannot show all of its text ({items}): shorten it, or enlarge the boxes in the layout {layout}.</source>
        <translation>La fiche de l'action « {action} » ne peut pas montrer tout son texte ({items}) : raccourcissez-le, ou agrandissez les cadres dans la mise en page {layout}.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/presentation/layout_tables.py" line="87"/>
        <source>The layout {layout} lacks its table {frame}: restore it, or delete the layout to get it back.</source>
        <translation>Il manque à la mise en page {layout} son tableau {frame} : rétablissez-le, ou supprimez la mise en page pour retrouver celle d'origine.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/editing/live.py" line="186"/>
        <source>This orientation still has actions: move or delete them first.</source>
        <translation>Cette orientation a encore des actions : déplacez-les ou supprimez-les d'abord.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/editing/roadmap_edits.py" line="29"/>
        <source>new orientation</source>
        <translation>nouvelle orientation</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/editing/roadmap_edits.py" line="40"/>
        <source>new action</source>
        <translation>nouvelle action</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/editing/roadmap_edits.py" line="50"/>
        <source>move an action</source>
        <translation>déplacement d'une action</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/editing/roadmap_edits.py" line="58"/>
        <source>move an orientation</source>
        <translation>déplacement d'une orientation</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/editing/roadmap_edits.py" line="65"/>
        <source>{table} is not a table of stakes.</source>
        <translation>{table} n'est pas une table d'enjeux.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/editing/roadmap_edits.py" line="69"/>
        <source>This action already answers this stake.</source>
        <translation>Cette action traite déjà cet enjeu.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/editing/roadmap_edits.py" line="71"/>
        <source>link a stake</source>
        <translation>lien à un enjeu</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/editing/roadmap_edits.py" line="76"/>
        <source>This action does not answer this stake: there is no link to remove.</source>
        <translation>Cette action ne traite pas cet enjeu : il n'y a pas de lien à retirer.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/editing/roadmap_edits.py" line="79"/>
        <source>unlink a stake</source>
        <translation>retrait d'un lien à un enjeu</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/editing/roadmap_edits.py" line="93"/>
        <source>order</source>
        <translation>ordre</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/editing/roadmap_edits.py" line="115"/>
        <source>This orientation is no longer in the atelier.</source>
        <translation>Cette orientation n'est plus dans l'atelier.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/editing/roadmap_edits.py" line="121"/>
        <source>A title is needed: nothing was saved.</source>
        <translation>Il faut un titre : rien n'a été enregistré.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/editing/geometry_checks.py" line="78"/>
        <source>a point</source>
        <translation>un point</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/editing/geometry_checks.py" line="78"/>
        <source>a line</source>
        <translation>une ligne</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/editing/geometry_checks.py" line="78"/>
        <source>an area</source>
        <translation>une zone</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/editing/geometry_checks.py" line="79"/>
        <source>Draw {kind} here: nothing was saved.</source>
        <translation>Dessinez ici {kind} : rien n'a été enregistré.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/handoff/sync.py" line="220"/>
        <source>The folder {folder} does not exist: choose an existing folder for {file}.</source>
        <translation>Le dossier {folder} n'existe pas : choisissez un dossier existant pour {file}.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/deliverables/output.py" line="29"/>
        <source>{path} is a folder: give the name of the file to write.</source>
        <translation>{path} est un dossier : donnez le nom du fichier à écrire.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/deliverables/roadmap_tree.py" line="45"/>
        <source>Zone</source>
        <translation>Zone</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/deliverables/roadmap_tree.py" line="45"/>
        <source>Orientations and actions</source>
        <translation>Orientations et actions</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/deliverables/roadmap_dock.py" line="69"/>
        <source>No orientation yet: start with “New orientation”, then add its actions.</source>
        <translation>Pas encore d'orientation : commencez par « Nouvelle orientation », puis ajoutez-lui ses actions.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/deliverables/roadmap_dock.py" line="213"/>
        <source>New orientation</source>
        <translation>Nouvelle orientation</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/deliverables/roadmap_dock.py" line="230"/>
        <source>New action</source>
        <translation>Nouvelle action</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/deliverables/roadmap_dock.py" line="100"/>
        <source>Link stakes on the map</source>
        <translation>Lier des enjeux sur la carte</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/deliverables/roadmap_dock.py" line="101"/>
        <source>Click a stake on the map: it is linked to the action, or unlinked</source>
        <translation>Cliquez sur un enjeu de la carte : il est lié à l'action, ou délié</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/deliverables/roadmap_dock.py" line="103"/>
        <source>Draw the zone</source>
        <translation>Dessiner la zone</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/deliverables/roadmap_dock.py" line="104"/>
        <source>Click the corners of the zone; right click or Enter to finish</source>
        <translation>Cliquez les sommets de la zone ; clic droit ou Entrée pour finir</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/deliverables/stake_tabs.py" line="35"/>
        <source>Double click: show the stake on the map</source>
        <translation>Double clic : montrer l'enjeu sur la carte</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/deliverables/roadmap_fields.py" line="38"/>
        <source>Separated by ;</source>
        <translation>Séparés par ;</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/deliverables/roadmap_fields.py" line="52"/>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/deliverables/roadmap_fields.py" line="52"/>
        <source>Horizon</source>
        <translation>Horizon</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/deliverables/roadmap_fields.py" line="52"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/deliverables/roadmap_fields.py" line="52"/>
        <source>Lead</source>
        <translation>Porteur</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/deliverables/roadmap_fields.py" line="52"/>
        <source>Partners</source>
        <translation>Partenaires</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/deliverables/roadmap_fields.py" line="52"/>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/deliverables/roadmap_fields.py" line="70"/>
        <source>(not set)</source>
        <translation>(non renseigné)</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/deliverables/roadmap_tree.py" line="137"/>
        <source>(no orientation)</source>
        <translation>(sans orientation)</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/deliverables/roadmap_tree.py" line="161"/>
        <source>Answers no stake yet</source>
        <translation>Ne traite encore aucun enjeu</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/deliverables/roadmap_tree.py" line="166"/>
        <source>No zone on the map yet</source>
        <translation>Pas encore de zone sur la carte</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/deliverables/roadmap_look.py" line="38"/>
        <source>No zone on the map yet: “Draw the zone”.</source>
        <translation>Pas encore de zone sur la carte : « Dessiner la zone ».</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/deliverables/roadmap_look.py" line="40"/>
        <source>Answers no stake yet: link it to the stakes it answers.</source>
        <translation>Ne traite encore aucun enjeu : liez-la aux enjeux qu'elle traite.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/deliverables/stake_tabs.py" line="80"/>
        <source>Answered by: {actions}</source>
        <translation>Traité par : {actions}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/deliverables/stake_tabs.py" line="80"/>
        <source>No action answers it yet</source>
        <translation>Aucune action ne le traite encore</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/deliverables/stake_tabs.py" line="42"/>
        <source>Stakes not answered ({count})</source>
        <translation>Enjeux non traités ({count})</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/deliverables/roadmap_dock.py" line="186"/>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/deliverables/roadmap_dock.py" line="186"/>
        <source>Orientation</source>
        <translation>Orientation</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/deliverables/roadmap_dock.py" line="186"/>
        <source>Select an orientation or an action</source>
        <translation>Choisissez une orientation ou une action</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/deliverables/stake_tabs.py" line="67"/>
        <source>No stake in the atelier yet: draw them in the live workshop.</source>
        <translation>Pas encore d'enjeu dans l'atelier : dessinez-les dans l'atelier en direct.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/deliverables/roadmap_dock.py" line="225"/>
        <source>Create an orientation first: every action belongs to one.</source>
        <translation>Créez d'abord une orientation : chaque action appartient à une orientation.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/processing/provider.py" line="107"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/processing/provider.py" line="130"/>
        <source>Export the synthesis (PDF)</source>
        <translation>Exporter la synthèse (PDF)</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/processing/provider.py" line="133"/>
        <source>The synthesis of the workshops: the map of stakes by theme, the stakes by theme and by commune, the retained stakes and the sessions held. Made with the layout stored in the atelier.</source>
        <translation>La synthèse des ateliers : la carte des enjeux par thème, les enjeux par thème et par commune, les enjeux retenus et les séances tenues. Faite avec la mise en page enregistrée dans l'atelier.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/processing/provider.py" line="146"/>
        <source>The roadmap as a table: orientations, then their actions and the stakes each answers (PDF, CSV or ODS).</source>
        <translation>La feuille de route en tableau : les orientations, puis leurs actions et les enjeux que chacune traite (PDF, CSV ou ODS).</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/processing/provider.py" line="151"/>
        <source>PDF (*.pdf);;CSV (*.csv);;OpenDocument spreadsheet (*.ods)</source>
        <translation>PDF (*.pdf);;CSV (*.csv);;Classeur OpenDocument (*.ods)</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/processing/provider.py" line="158"/>
        <source>Export the action sheets (PDF)</source>
        <translation>Exporter les fiches actions (PDF)</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/processing/provider.py" line="161"/>
        <source>One page per action: its map, its fields, the stakes it answers and its photos.</source>
        <translation>Une page par action : sa carte, ses champs, les enjeux qu'elle traite et ses photos.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/editing/live.py" line="166"/>
        <source>The field {field} cannot be left empty: nothing was saved.</source>
        <translation>Le champ {field} ne peut pas rester vide : rien n'a été enregistré.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/deliverables/action_sheets.py" line="61"/>
        <source>title</source>
        <translation>titre</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/deliverables/action_sheets.py" line="62"/>
        <source>fields</source>
        <translation>champs</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/deliverables/action_sheets.py" line="63"/>
        <source>stakes answered</source>
        <translation>enjeux traités</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/deliverables/action_sheets.py" line="64"/>
        <source>description</source>
        <translation>description</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/deliverables/deliverables_menu.py" line="30"/>
        <source>Synthesis (PDF)…</source>
        <translation>Synthèse (PDF)…</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/deliverables/deliverables_menu.py" line="31"/>
        <source>Roadmap (PDF, CSV or ODS)…</source>
        <translation>Feuille de route (PDF, CSV ou ODS)…</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/deliverables/deliverables_menu.py" line="36"/>
        <source>Action sheets (PDF)…</source>
        <translation>Fiches actions (PDF)…</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/deliverables/deliverables_menu.py" line="48"/>
        <source>Deliverables</source>
        <translation>Livrables</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/deliverables/deliverables_menu.py" line="67"/>
        <source>Open an atelier first: the deliverables are made from it.</source>
        <translation>Ouvrez d'abord un atelier : les livrables en sont tirés.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/deliverables/deliverables_menu.py" line="97"/>
        <source>Write to</source>
        <translation>Écrire dans</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/deliverables/deliverables_menu.py" line="111"/>
        <source>Written: {link}</source>
        <translation>Écrit : {link}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/deliverables/stake_tabs.py" line="33"/>
        <source>Tick a stake to link it to the action</source>
        <translation>Cochez un enjeu pour le lier à l'action</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/deliverables/stake_tabs.py" line="36"/>
        <source>Stakes it answers</source>
        <translation>Enjeux qu'elle traite</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/handoff/merge.py" line="63"/>
        <source>{table}: {added} added, {updated} updated, {deleted} deleted, {conflicts} conflicts</source>
        <translation>{table} : {added} ajoutés, {updated} mis à jour, {deleted} supprimés, {conflicts} conflits</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/handoff_menu.py" line="219"/>
        <source>Give at least two ateliers to merge.</source>
        <translation>Donnez au moins deux ateliers à fusionner.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/handoff/sync.py" line="209"/>
        <source>{path} is given twice: each atelier is merged once.</source>
        <translation>{path} est donné deux fois : chaque atelier n'est fusionné qu'une fois.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/handoff/sync.py" line="212"/>
        <source>{path}: the merged atelier is a GeoPackage, its name ends in .gpkg.</source>
        <translation>{path} : l'atelier fusionné est un GeoPackage, son nom se termine par .gpkg.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/handoff/sync.py" line="216"/>
        <source>{path} is one of the ateliers to merge: write the merge to a new file.</source>
        <translation>{path} est l'un des ateliers à fusionner : écrivez la fusion dans un nouveau fichier.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/handoff/package.py" line="49"/>
        <source>{path}: a package is a GeoPackage, its name ends in .gpkg.</source>
        <translation>{path} : un paquet est un GeoPackage, son nom se termine par .gpkg.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/handoff/package.py" line="51"/>
        <source>{path} is the atelier itself: give the package another name.</source>
        <translation>{path} est l'atelier lui-même : donnez un autre nom au paquet.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/handoff/package.py" line="73"/>
        <source>The package failed its own check, so it was not written: {problems}</source>
        <translation>Le paquet n'a pas passé sa propre vérification, il n'a donc pas été écrit : {problems}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/handoff/package.py" line="191"/>
        <source>{title}. Atelier des Territoires handoff package of {territory}, licence {licence}. Open it in QGIS with Project › Open From › GeoPackage: the project “{project}” shows it styled, with its print layouts. It holds {stakes} stakes, {actions} actions, {sessions} sessions and {attachments} attachments.{anonymised}</source>
        <translation>{title}. Paquet de remise de l'Atelier des Territoires de {territory}, licence {licence}. Ouvrez-le dans QGIS par Projet › Ouvrir depuis › GeoPackage : le projet « {project} » le montre mis en forme, avec ses mises en page. Il contient {stakes} enjeux, {actions} actions, {sessions} séances et {attachments} pièces jointes.{anonymised}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/handoff/package.py" line="196"/>
        <source> Actors are anonymised.</source>
        <translation> Les acteurs sont anonymisés.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/deliverables/roadmap_dock.py" line="338"/>
        <source>This action has no zone yet and answers no stake: nothing to show.</source>
        <translation>Cette action n'a pas encore de zone et ne traite aucun enjeu : rien à montrer.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/processing/provider.py" line="199"/>
        <source>Package the atelier for the team</source>
        <translation>Empaqueter l'atelier pour l'équipe</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/processing/provider.py" line="202"/>
        <source>One self-contained GeoPackage: data, styles, the QGIS project and its layouts, attachments, journal and metadata, compacted and validated. Anonymising names actors by their type and drops the personal data of those without consent.</source>
        <translation>Un seul GeoPackage autonome : données, styles, projet QGIS et ses mises en page, pièces jointes, journal et métadonnées, compacté et vérifié. L'anonymisation nomme les acteurs par leur type et retire les données personnelles de ceux qui n'ont pas consenti.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/processing/provider.py" line="210"/>
        <source>Anonymise the actors</source>
        <translation>Anonymiser les acteurs</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/processing/provider.py" line="211"/>
        <source>Packaged by</source>
        <translation>Empaqueté par</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/processing/provider.py" line="212"/>
        <source>Package</source>
        <translation>Paquet</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/processing/provider.py" line="235"/>
        <source>Merge ateliers</source>
        <translation>Fusionner des ateliers</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/processing/provider.py" line="238"/>
        <source>Merge ateliers edited on several machines into a new one: features matched by UUID, deletions carried over, the same feature edited twice kept in its latest version and listed in the merge conflicts table for review.</source>
        <translation>Fusionner en un nouvel atelier des ateliers modifiés sur plusieurs machines : objets appariés par UUID, suppressions reportées, un même objet modifié deux fois gardé dans sa version la plus récente et listé dans la table des conflits de fusion pour relecture.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/processing/provider.py" line="245"/>
        <source>Ateliers to merge</source>
        <translation>Ateliers à fusionner</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/processing/provider.py" line="246"/>
        <source>Merged atelier</source>
        <translation>Atelier fusionné</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/atelier/writer.py" line="213"/>
        <source>The atelier could not be written ({error}): this change was not saved, and everything saved before is intact. Free some disk space or check the file, then try again.</source>
        <translation>L'atelier n'a pas pu être écrit ({error}) : cette modification n'a pas été enregistrée, et tout ce qui l'avait été avant est intact. Libérez de l'espace disque ou vérifiez le fichier, puis réessayez.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/handoff/merge.py" line="279"/>
        <source>{file}: the geometry of {table} {uuid} was invalid and was made valid.</source>
        <translation>{file} : la géométrie de {table} {uuid} était invalide et a été rendue valide.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/value_texts.py" line="56"/>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/value_texts.py" line="56"/>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/value_texts.py" line="76"/>
        <source>Line of {length}</source>
        <translation>Ligne de {length}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/value_texts.py" line="78"/>
        <source>Area of {area}</source>
        <translation>Zone de {area}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/conflicts_dialog.py" line="56"/>
        <source>Merge conflicts — {title}</source>
        <translation>Conflits de fusion — {title}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/conflicts_dialog.py" line="61"/>
        <source>Layer</source>
        <translation>Couche</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/conflicts_dialog.py" line="61"/>
        <source>Feature</source>
        <translation>Objet</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/conflict_comparison.py" line="80"/>
        <source>Merged version</source>
        <translation>Version fusionnée</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/conflict_comparison.py" line="80"/>
        <source>Other version</source>
        <translation>Autre version</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/conflicts_dialog.py" line="82"/>
        <source>Zoom to the feature</source>
        <translation>Zoomer sur l'objet</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/conflicts_dialog.py" line="83"/>
        <source>Frame both versions on the map: the merged one flashes red, the other blue</source>
        <translation>Cadrer les deux versions sur la carte : la version fusionnée clignote en rouge, l'autre en bleu</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/conflicts_dialog.py" line="180"/>
        <source>Keep the merged version</source>
        <translation>Garder la version fusionnée</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/conflicts_dialog.py" line="181"/>
        <source>Take the other version</source>
        <translation>Prendre l'autre version</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/conflicts.py" line="62"/>
        <source>deleted in {file}</source>
        <translation>supprimé dans {file}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/conflicts_dialog.py" line="143"/>
        <source>No conflict left to review.</source>
        <translation>Plus aucun conflit à relire.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/conflicts_dialog.py" line="168"/>
        <source>In {file}, this feature was deleted: taking the other version deletes it.</source>
        <translation>Dans {file}, cet objet a été supprimé : prendre l'autre version le supprime.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/conflict_comparison.py" line="80"/>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/conflicts_dialog.py" line="210"/>
        <source>{feature}: the other version was taken.</source>
        <translation>{feature} : l'autre version a été prise.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/conflicts_dialog.py" line="212"/>
        <source>{feature}: the merged version was kept.</source>
        <translation>{feature} : la version fusionnée a été gardée.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/conflicts_dialog.py" line="215"/>
        <source>Every merge conflict of this atelier is reviewed.</source>
        <translation>Tous les conflits de fusion de cet atelier sont relus.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/handoff_menu.py" line="65"/>
        <source>Package for the team</source>
        <translation>Empaqueter pour l'équipe</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/handoff_menu.py" line="72"/>
        <source>Choose the file</source>
        <translation>Choisir le fichier</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/handoff_menu.py" line="78"/>
        <source>Actors are named by their type, the organisation of those who did not consent is dropped, every author becomes “anonyme”, and these names are taken out of every text</source>
        <translation>Les acteurs sont nommés par leur type, l'organisme de ceux qui n'ont pas consenti est retiré, chaque auteur devient « anonyme », et ces noms sont ôtés de tous les textes</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/handoff_menu.py" line="85"/>
        <source>Your name or organisation</source>
        <translation>Votre nom ou votre organisme</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/handoff_menu.py" line="94"/>
        <source>Package file</source>
        <translation>Fichier du paquet</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/handoff_menu.py" line="112"/>
        <source>Write the package to</source>
        <translation>Écrire le paquet dans</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/handoff_menu.py" line="125"/>
        <source>{path} already exists. Replace it with the package?</source>
        <translation>{path} existe déjà. Le remplacer par le paquet ?</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/handoff_menu.py" line="145"/>
        <source>Package for the team…</source>
        <translation>Empaqueter pour l'équipe…</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/handoff_menu.py" line="146"/>
        <source>Merge ateliers…</source>
        <translation>Fusionner des ateliers…</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/handoff_menu.py" line="147"/>
        <source>Review merge conflicts…</source>
        <translation>Relire les conflits de fusion…</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/handoff_menu.py" line="175"/>
        <source>Open an atelier first: the package is made from it.</source>
        <translation>Ouvrez d'abord un atelier : le paquet est fait à partir de lui.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/handoff_menu.py" line="197"/>
        <source>Package written, actors anonymised: {link}</source>
        <translation>Paquet écrit, acteurs anonymisés : {link}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/handoff_menu.py" line="203"/>
        <source>Package written: {link}</source>
        <translation>Paquet écrit : {link}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/handoff_menu.py" line="222"/>
        <source>Write the merged atelier to</source>
        <translation>Écrire l'atelier fusionné dans</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/handoff_menu.py" line="238"/>
        <source>Merged into {path}:</source>
        <translation>Fusion dans {path} :</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/handoff_menu.py" line="244"/>
        <source>Merged into {link}: {added} added, {updated} updated, {deleted} deleted, {conflicts} conflicts (details in the log).</source>
        <translation>Fusion dans {link} : {added} ajoutés, {updated} mis à jour, {deleted} supprimés, {conflicts} conflits (détails dans le journal des messages).</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/handoff_menu.py" line="255"/>
        <source>The merge has {count} warnings: see the log.</source>
        <translation>La fusion a {count} avertissements : voir le journal des messages.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/handoff_menu.py" line="262"/>
        <source>Review the conflicts</source>
        <translation>Relire les conflits</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/handoff_menu.py" line="279"/>
        <source>Open an atelier first: its merge conflicts are reviewed there.</source>
        <translation>Ouvrez d'abord un atelier : ses conflits de fusion y sont relus.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/handoff_menu.py" line="297"/>
        <source>This atelier has no merge conflict to review.</source>
        <translation>Cet atelier n'a aucun conflit de fusion à relire.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/handoff_menu.py" line="87"/>
        <source>Write the package</source>
        <translation>Écrire le paquet</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/conflicts_dialog.py" line="110"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/value_texts.py" line="68"/>
        <source>Point at x = {x}, y = {y}</source>
        <translation>Point en x = {x}, y = {y}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/phones/contributions.py" line="80"/>
        <source>{path} is read-only: phones cannot add to it.</source>
        <translation>{path} est en lecture seule : les téléphones ne peuvent rien y ajouter.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/editing/live.py" line="146"/>
        <source>This phone has already voted on this stake.</source>
        <translation>Ce téléphone a déjà voté sur cet enjeu.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/phones/handler.py" line="203"/>
        <source>The phones&apos; server failed on {address}: {error!r}</source>
        <translation>Le serveur des téléphones a échoué sur {address} : {error!r}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/phones/server.py" line="177"/>
        <source>Port {port} is already in use here: choose another port in the plugin&apos;s settings.</source>
        <translation>Le port {port} est déjà utilisé sur cet ordinateur : choisissez-en un autre dans les réglages de l'extension.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/phones/server.py" line="179"/>
        <source>{host} is not an address of this machine: choose another host in the plugin&apos;s settings.</source>
        <translation>{host} n'est pas une adresse de cet ordinateur : choisissez-en une autre dans les réglages de l'extension.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/phones/server.py" line="183"/>
        <source>Port {port} is reserved to the system: choose a port above 1024 in the plugin&apos;s settings.</source>
        <translation>Le port {port} est réservé au système : choisissez un port au-dessus de 1024 dans les réglages de l'extension.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/phones/server.py" line="186"/>
        <source>The phones&apos; server could not start on {host}:{port}: {error}</source>
        <translation>Le serveur des téléphones n'a pas pu démarrer sur {host}:{port} : {error}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/phones/settings_dialog.py" line="24"/>
        <source>“{host}” is not an IP address: type one of this computer's, such as 192.168.1.20, or leave it empty.</source>
        <translation>« {host} » n'est pas une adresse IP : saisissez une adresse de cet ordinateur, comme 192.168.1.20, ou laissez vide.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/phones/settings_dialog.py" line="32"/>
        <source>The port is a whole number from {lowest} to {highest}.</source>
        <translation>Le port est un nombre entier de {lowest} à {highest}.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/phones/settings_dialog.py" line="46"/>
        <source>Contributions from phones: settings</source>
        <translation>Contributions du public : réglages</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/phones/settings_dialog.py" line="49"/>
        <source>{address} (this computer on the room&apos;s network)</source>
        <translation>{address} (cet ordinateur sur le réseau de la salle)</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/phones/settings_dialog.py" line="52"/>
        <source>Leave empty in the room: phones reach this computer on its Wi-Fi. 0.0.0.0 opens every network.</source>
        <translation>Laissez vide dans la salle : les téléphones joignent cet ordinateur par son Wi-Fi. 0.0.0.0 ouvre tous les réseaux.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/phones/settings_dialog.py" line="61"/>
        <source> a minute</source>
        <translation> par minute</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/phones/settings_dialog.py" line="62"/>
        <source>Requests a phone may make; a page asks every few seconds</source>
        <translation>Requêtes permises à un téléphone ; la page en fait une toutes les quelques secondes</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/phones/settings_dialog.py" line="70"/>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/phones/settings_dialog.py" line="71"/>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/phones/settings_dialog.py" line="73"/>
        <source>Limit per phone</source>
        <translation>Limite par téléphone</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/phones/settings_dialog.py" line="75"/>
        <source>The address, the port and the limit apply the next time contributions start.</source>
        <translation>L'adresse, le port et la limite s'appliqueront au prochain démarrage des contributions.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/phones/overlays.py" line="167"/>
        <source>Contributions from phones</source>
        <translation>Contributions du public</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/phones/contributions.py" line="88"/>
        <source>Phones in the room add stakes to the map and vote, through a QR code</source>
        <translation>Les téléphones de la salle ajoutent des enjeux à la carte et votent, grâce à un QR code</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/phones/contributions.py" line="90"/>
        <source>Show the QR code</source>
        <translation>Afficher le QR code</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/phones/contributions.py" line="92"/>
        <source>Moderate the contributions</source>
        <translation>Modérer les contributions</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/phones/contributions.py" line="94"/>
        <source>Settings of the phones…</source>
        <translation>Réglages des téléphones…</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/phones/contributions.py" line="95"/>
        <source>Phones in the room</source>
        <translation>Téléphones dans la salle</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/phones/contributions.py" line="143"/>
        <source>This computer is on no network: phones cannot reach it. Connect it to the room&apos;s Wi-Fi.</source>
        <translation>Cet ordinateur n'est relié à aucun réseau : les téléphones ne peuvent pas le joindre. Connectez-le au Wi-Fi de la salle.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/phones/contributions.py" line="155"/>
        <source>Open an atelier first: the phones add their stakes to it.</source>
        <translation>Ouvrez d'abord un atelier : les téléphones y ajoutent leurs enjeux.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/phones/contributions.py" line="158"/>
        <source>Choose the workshop&apos;s session first (Live workshop dock): the phones&apos; stakes belong to it.</source>
        <translation>Choisissez d'abord la séance de l'atelier (panneau Atelier en direct) : les enjeux des téléphones lui appartiennent.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/phones/contributions.py" line="229"/>
        <source>The atelier left the project: phones can no longer contribute.</source>
        <translation>L'atelier a quitté le projet : les téléphones ne peuvent plus contribuer.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/phones/contributions.py" line="249"/>
        <source>Add your stakes to the map from your phone</source>
        <translation>Ajoutez vos enjeux sur la carte depuis votre téléphone</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/phones/contributions.py" line="274"/>
        <source>Contribution waiting for approval: {title}</source>
        <translation>Contribution en attente de validation : {title}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/phones/contributions.py" line="276"/>
        <source>New contribution: {title}</source>
        <translation>Nouvelle contribution : {title}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/phones/moderation.py" line="44"/>
        <source>Waiting for approval ({count})</source>
        <translation>En attente de validation ({count})</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/phones/moderation.py" line="45"/>
        <source>On the map ({count})</source>
        <translation>Sur la carte ({count})</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/phones/moderation.py" line="46"/>
        <source>Hidden ({count})</source>
        <translation>Masquées ({count})</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/phones/moderation.py" line="53"/>
        <source>Approve</source>
        <translation>Valider</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/phones/moderation.py" line="53"/>
        <source>Hide</source>
        <translation>Masquer</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/phones/moderation.py" line="53"/>
        <source>Show</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/phones/moderation.py" line="78"/>
        <source>Click: find it on the map</source>
        <translation>Clic : la retrouver sur la carte</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/phones/moderation.py" line="161"/>
        <source>No contribution from phones in this session yet.</source>
        <translation>Aucune contribution des téléphones dans cette séance pour l'instant.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/phones/moderation.py" line="189"/>
        <source>Phones cannot connect: contributions are stopped.</source>
        <translation>Les téléphones ne peuvent pas se connecter : les contributions sont arrêtées.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/phones/overlays.py" line="108"/>
        <source>Scan to join</source>
        <translation>Scannez pour participer</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/phones/overlays.py" line="114"/>
        <source>Show the QR code full screen</source>
        <translation>Afficher le QR code en plein écran</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/phones/overlays.py" line="181"/>
        <source>1. Connect to the room&apos;s Wi-Fi first</source>
        <translation>1. Connectez-vous d'abord au Wi-Fi de la salle</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/phones/overlays.py" line="181"/>
        <source>2. Scan with your phone&apos;s camera</source>
        <translation>2. Scannez avec l'appareil photo de votre téléphone</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/phones/overlays.py" line="181"/>
        <source>3. Tap the map to add a stake, and vote on the others</source>
        <translation>3. Touchez la carte pour ajouter un enjeu, et votez pour les autres</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/phones/overlays.py" line="187"/>
        <source>Or type this address in the browser:</source>
        <translation>Ou saisissez cette adresse dans le navigateur :</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/phones/overlays.py" line="191"/>
        <source>Esc or a click: back to the map</source>
        <translation>Échap ou un clic : retour à la carte</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/phones/settings_dialog.py" line="56"/>
        <source>Approve contributions before they show</source>
        <translation>Valider les contributions avant affichage</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/phones/moderation.py" line="187"/>
        <source>Phones connect at this address:</source>
        <translation>Les téléphones se connectent à cette adresse :</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/stores/postgis/address.py" line="41"/>
        <source>{address} is not a PostgreSQL address (postgresql://user@host:port/database?schema=atelier).</source>
        <translation>{address} n'est pas une adresse PostgreSQL (postgresql://utilisateur@hôte:port/base?schema=atelier).</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/stores/postgis/address.py" line="50"/>
        <source>{schema} is not a usable schema name: lower-case letters, digits and _ only.</source>
        <translation>{schema} n'est pas un nom de schéma utilisable : lettres minuscules, chiffres et _ seulement.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/stores/postgis/store.py" line="168"/>
        <source>The schema {schema} already exists in this database: it was left untouched.</source>
        <translation>Le schéma {schema} existe déjà dans cette base : il n'a pas été modifié.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/stores/postgis/store.py" line="183"/>
        <source>Creating the atelier in {address} failed, and nothing was left of it: {error}</source>
        <translation>La création de l'atelier dans {address} a échoué, et il n'en reste rien : {error}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/stores/postgis/store.py" line="117"/>
        <source>The schema {schema} of {address} is not an atelier (it has no atelier metadata).</source>
        <translation>Le schéma {schema} de {address} n'est pas un atelier (il n'a pas de métadonnées d'atelier).</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/stores/postgis/tables.py" line="165"/>
        <source>The database of {address} has no PostGIS: ask its administrator to run CREATE EXTENSION postgis, then try again.</source>
        <translation>La base de {address} n'a pas PostGIS : demandez à son administrateur d'exécuter CREATE EXTENSION postgis, puis réessayez.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/stores/postgis/address.py" line="218"/>
        <source>PostgreSQL refused the user name or password for {address}: check them.</source>
        <translation>PostgreSQL a refusé le nom d'utilisateur ou le mot de passe pour {address} : vérifiez-les.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/stores/postgis/address.py" line="220"/>
        <source>The database of {address} does not exist: create it first.</source>
        <translation>La base de {address} n'existe pas : créez-la d'abord.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/stores/postgis/address.py" line="222"/>
        <source>No PostgreSQL server answers at {address}: check the host, the port and the network.</source>
        <translation>Aucun serveur PostgreSQL ne répond à {address} : vérifiez l'hôte, le port et le réseau.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/stores/postgis/address.py" line="226"/>
        <source>Could not connect to {address}: {error}</source>
        <translation>Connexion impossible à {address} : {error}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/phones/contributions.py" line="197"/>
        <source>The phones&apos; contributions are closed for this session.</source>
        <translation>Les contributions des téléphones sont closes pour cette séance.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/phones/contributions.py" line="230"/>
        <source>A contribution was saved, but telling QGIS failed: {error!r}</source>
        <translation>Une contribution a été enregistrée, mais QGIS n'a pas pu en être averti : {error!r}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/phones/server.py" line="64"/>
        <source>The phone page is missing from the plugin ({error}): reinstall the plugin.</source>
        <translation>La page des téléphones manque dans l'extension ({error}) : réinstallez l'extension.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/stores/postgis/address.py" line="101"/>
        <source>QGIS has no authentication configuration {authcfg} (or its store is locked): choose the connection again, or unlock the store with its master password.</source>
        <translation>QGIS n'a pas de configuration d'authentification {authcfg} (ou son magasin est verrouillé) : choisissez à nouveau la connexion, ou déverrouillez le magasin avec son mot de passe principal.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/stores/postgis/address.py" line="108"/>
        <source>The authentication configuration {name} is not a user name and password: use a Basic one.</source>
        <translation>La configuration d'authentification {name} n'est pas un nom d'utilisateur et un mot de passe : utilisez une configuration « De base ».</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/stores/postgis/address.py" line="130"/>
        <source>QGIS has no saved PostgreSQL connection named {name}.</source>
        <translation>QGIS n'a pas de connexion PostgreSQL enregistrée nommée {name}.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/stores/postgis/address.py" line="133"/>
        <source>The connection {name} keeps its password in QGIS&apos;s settings in clear, and a shared atelier&apos;s project would have to carry it: give the connection an authentication configuration instead (or use a service file or ~/.pgpass).</source>
        <translation>La connexion {name} garde son mot de passe en clair dans les paramètres de QGIS, et le projet d'un atelier partagé devrait alors le porter : donnez plutôt à la connexion une configuration d'authentification (ou utilisez un fichier de service ou ~/.pgpass).</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/stores/postgis/tables.py" line="53"/>
        <source>PostgreSQL does not let this user create a schema in the database of {address}: ask its administrator for the right (GRANT CREATE ON DATABASE), or use another user. Nothing was created.</source>
        <translation>PostgreSQL ne permet pas à cet utilisateur de créer un schéma dans la base de {address} : demandez ce droit à son administrateur (GRANT CREATE ON DATABASE), ou utilisez un autre utilisateur. Rien n'a été créé.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/stores/postgis/store.py" line="130"/>
        <source>{address} is an older shared atelier (schema {found}), and this plugin cannot upgrade a shared atelier yet: open it with the version of the plugin that made it; nothing was changed.</source>
        <translation>{address} est un atelier partagé plus ancien (schéma {found}), et cette extension ne sait pas encore mettre à jour un atelier partagé : ouvrez-le avec la version de l'extension qui l'a créé ; rien n'a été modifié.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/stores/postgis/store.py" line="145"/>
        <source>{address} is an older shared atelier (schema {found}), and it could not be upgraded: {error}</source>
        <translation>{address} est un atelier partagé plus ancien (schéma {found}), et il n'a pas pu être mis à jour : {error}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/handoff/sync.py" line="125"/>
        <source>Could not copy the layer {layer}.</source>
        <translation>Impossible de copier la couche {layer}.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/atelier/shared_atelier_dialog.py" line="48"/>
        <source>Give the name of the schema.</source>
        <translation>Indiquez le nom du schéma.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/atelier/shared_atelier_dialog.py" line="50"/>
        <source>A schema name holds lower-case letters, digits and _ only, and starts with a letter.</source>
        <translation>Un nom de schéma ne contient que des minuscules, des chiffres et _, et commence par une lettre.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/atelier/shared_atelier_dialog.py" line="52"/>
        <source>Schema names starting with pg_ are reserved by PostgreSQL.</source>
        <translation>Les noms de schéma commençant par pg_ sont réservés par PostgreSQL.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/atelier/shared_atelier_dialog.py" line="59"/>
        <source>Shared atelier (PostgreSQL)</source>
        <translation>Atelier partagé (PostgreSQL)</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/atelier/shared_atelier_dialog.py" line="61"/>
        <source>A shared atelier lives in a schema of a PostgreSQL/PostGIS database: everyone who opens it works on the same atelier at the same time.</source>
        <translation>Un atelier partagé vit dans un schéma d'une base PostgreSQL/PostGIS : tous ceux qui l'ouvrent travaillent sur le même atelier en même temps.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/atelier/shared_atelier_dialog.py" line="82"/>
        <source>Open the atelier in this schema</source>
        <translation>Ouvrir l'atelier de ce schéma</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/atelier/shared_atelier_dialog.py" line="83"/>
        <source>Create a new atelier in this schema</source>
        <translation>Créer un nouvel atelier dans ce schéma</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/atelier/shared_atelier_dialog.py" line="88"/>
        <source>Territory *</source>
        <translation>Territoire *</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/atelier/shared_atelier_dialog.py" line="90"/>
        <source>e.g. CC Bassée-Montois</source>
        <translation>par ex. CC Bassée-Montois</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/atelier/shared_atelier_dialog.py" line="99"/>
        <source>Connection</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/atelier/shared_atelier_dialog.py" line="101"/>
        <source>Schema</source>
        <translation>Schéma</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/atelier/shared_atelier_dialog.py" line="148"/>
        <source>Create</source>
        <translation>Créer</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/atelier/shared_atelier_dialog.py" line="148"/>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/atelier/shared_atelier_dialog.py" line="158"/>
        <source>QGIS has no saved PostgreSQL connection. Add a PostgreSQL connection in QGIS's Data Source Manager first (Layer ▸ Data Source Manager ▸ PostgreSQL ▸ New).</source>
        <translation>QGIS n'a aucune connexion PostgreSQL enregistrée. Ajoutez d'abord une connexion PostgreSQL dans le gestionnaire des sources de données de QGIS (Couche ▸ Gestionnaire des sources de données ▸ PostgreSQL ▸ Nouveau).</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/atelier/shared_atelier_dialog.py" line="170"/>
        <source>Give the name of the territory of the new atelier.</source>
        <translation>Indiquez le nom du territoire du nouvel atelier.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/atelier/shared_atelier_dialog.py" line="185"/>
        <source>service {service}</source>
        <translation>service {service}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/atelier/shared_atelier_dialog.py" line="189"/>
        <source>this computer</source>
        <translation>cet ordinateur</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/atelier/shared_atelier_dialog.py" line="191"/>
        <source>Database {database} on {server}, with a QGIS authentication configuration</source>
        <translation>Base {database} sur {server}, avec une configuration d'authentification QGIS</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/atelier/shared_atelier_dialog.py" line="195"/>
        <source>Database {database} on {server}, user {user}</source>
        <translation>Base {database} sur {server}, utilisateur {user}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/atelier/shared_atelier_dialog.py" line="198"/>
        <source>Database {database} on {server}</source>
        <translation>Base {database} sur {server}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/plugin.py" line="132"/>
        <source>Open shared atelier…</source>
        <translation>Ouvrir un atelier partagé…</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/stores/postgis/tables.py" line="42"/>
        <source>PostgreSQL refused {statement}</source>
        <translation>PostgreSQL a refusé {statement}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/stores/postgis/store.py" line="163"/>
        <source>A shared atelier is never replaced: --force is for GeoPackage ateliers.</source>
        <translation>Un atelier partagé n’est jamais remplacé : --force est réservé aux ateliers GeoPackage.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/visits/gpx.py" line="77"/>
        <source>itinerary “{name}” added</source>
        <translation>itinéraire « {name} » ajouté</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/visits/gpx.py" line="77"/>
        <source>no itinerary</source>
        <translation>aucun itinéraire</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/visits/gpx.py" line="78"/>
        <source>{itinerary}; {observations} observation(s) added from waypoints, {joined} joined to one nearby; {skipped} waypoint(s) skipped.</source>
        <translation>{itinerary} ; {observations} observation(s) ajoutée(s) depuis les points de passage, {joined} rattaché(s) à une observation proche ; {skipped} point(s) de passage ignoré(s).</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/visits/gpx.py" line="108"/>
        <source>{file}: the GPX has no track, route or waypoint with a position; nothing was added.</source>
        <translation>{file} : le GPX n'a ni trace, ni route, ni point de passage localisé ; rien n'a été ajouté.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/visits/gpx_check.py" line="54"/>
        <source>{file}: not a readable GPX file, broken or cut short at line {line}, column {column}.</source>
        <translation>{file} : fichier GPX illisible, abîmé ou tronqué ligne {line}, colonne {column}.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/visits/gpx_check.py" line="64"/>
        <source>Cannot read {file}: {error}</source>
        <translation>Impossible de lire {file} : {error}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/visits/gpx_check.py" line="219"/>
        <source>{waypoint}: no latitude or longitude</source>
        <translation>{waypoint} : pas de latitude ou de longitude</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/visits/gpx_check.py" line="97"/>
        <source>{waypoint}: the position {latitude}, {longitude} is not a number</source>
        <translation>{waypoint} : la position {latitude}, {longitude} n'est pas un nombre</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/visits/gpx_check.py" line="100"/>
        <source>{waypoint}: latitude {latitude} out of range</source>
        <translation>{waypoint} : latitude {latitude} hors limites</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/visits/gpx_check.py" line="102"/>
        <source>{waypoint}: longitude {longitude} out of range</source>
        <translation>{waypoint} : longitude {longitude} hors limites</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/visits/gpx_check.py" line="214"/>
        <source>waypoint {number} “{name}”</source>
        <translation>point de passage {number} « {name} »</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/visits/gpx_check.py" line="214"/>
        <source>waypoint {number}</source>
        <translation>point de passage {number}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visits/visit_dock.py" line="327"/>
        <source>Waypoint skipped: {reason}</source>
        <translation>Point de passage ignoré : {reason}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visits/visit_dock.py" line="83"/>
        <source>Import a GPX (route and waypoints)…</source>
        <translation>Importer un GPX (trajet et points de passage)…</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visits/visit_dock.py" line="309"/>
        <source>GPX file</source>
        <translation>Fichier GPX</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/handoff/merge.py" line="74"/>
        <source>{count} features edited on both sides were merged whole, the latest edit winning: their journals do not reach back to the version both had (an atelier made before the journal, or whose journal was cleared). Both versions are listed for review.</source>
        <translation>{count} entités modifiées des deux côtés ont été fusionnées entières, la modification la plus récente l'emportant : leurs journaux ne remontent pas à la version commune (un atelier antérieur au journal, ou dont le journal a été vidé). Les deux versions sont listées pour relecture.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/handoff/merge.py" line="188"/>
        <source>The journal entry {line} about {table} {uuid} could not be read: that feature was merged whole, the latest edit winning, and both versions are listed for review.</source>
        <translation>L'entrée de journal {line} sur {table} {uuid} est illisible : cette entité a été fusionnée entière, la modification la plus récente l'emportant, et les deux versions sont listées pour relecture.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/conflict_comparison.py" line="47"/>
        <source>Kept value</source>
        <translation>Valeur gardée</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/conflict_comparison.py" line="47"/>
        <source>Other value</source>
        <translation>Autre valeur</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/conflict_comparison.py" line="64"/>
        <source>The rest of the feature, as merged</source>
        <translation>Le reste de l'entité, telle que fusionnée</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/conflicts_dialog.py" line="61"/>
        <source>In conflict</source>
        <translation>En conflit</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/conflicts_dialog.py" line="61"/>
        <source>Kept</source>
        <translation>Gardé</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/conflicts_dialog.py" line="61"/>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/conflicts_dialog.py" line="135"/>
        <source>These fields were set differently on two machines (or a feature deleted on one, edited on the other). The merge kept the later value: compare it with the other, then keep it or take the other.</source>
        <translation>Ces champs ont été modifiés différemment sur deux machines (ou une entité supprimée sur l'une, modifiée sur l'autre). La fusion a gardé la valeur la plus récente : comparez-la à l'autre, puis gardez-la ou prenez l'autre.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/conflicts_dialog.py" line="177"/>
        <source>Keep this value ({who})</source>
        <translation>Garder cette valeur ({who})</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/conflicts_dialog.py" line="178"/>
        <source>Take the other value ({who})</source>
        <translation>Prendre l'autre valeur ({who})</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/conflicts_dialog.py" line="206"/>
        <source>{feature}: the other value was taken.</source>
        <translation>{feature} : l'autre valeur a été prise.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/conflicts_dialog.py" line="208"/>
        <source>{feature}: the kept value stays.</source>
        <translation>{feature} : la valeur gardée reste.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/handoff/handoff_menu.py" line="262"/>
        <source>Some fields were set differently on two machines ({count} conflicts): the merge kept the later value of each. Open the merged atelier and review them now?</source>
        <translation>Des champs ont été modifiés différemment sur deux machines ({count} conflits) : la fusion a gardé la valeur la plus récente de chacun. Ouvrir l'atelier fusionné et les relire maintenant ?</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/deliverables/evolution.py" line="103"/>
        <source>(none)</source>
        <translation>(aucune)</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/deliverables/evolution.py" line="104"/>
        <source>No session {name} in {atelier}. Its sessions are:
{sessions}</source>
        <translation>Aucune séance {name} dans {atelier}. Ses séances sont :
{sessions}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/deliverables/evolution.py" line="116"/>
        <source>The atelier has fewer than two sessions: there is nothing to compare yet.</source>
        <translation>L'atelier a moins de deux séances : rien à comparer pour l'instant.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/deliverables/evolution.py" line="239"/>
        <source>The session “{title}” has no journal entries: nothing changed since “{first}”.</source>
        <translation>La séance « {title} » n'a aucune entrée au journal : rien n'a changé depuis « {first} ».</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/deliverables/evolution.py" line="242"/>
        <source>Nothing changed between “{first}” and “{second}”.</source>
        <translation>Rien n'a changé entre « {first} » et « {second} ».</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/deliverables/evolution_exports.py" line="102"/>
        <source>{count} unreadable journal lines were skipped: what changed may lack what they said.</source>
        <translation>{count} lignes illisibles du journal ont été ignorées : ce qui a changé peut omettre ce qu'elles disaient.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/deliverables/evolution_exports.py" line="148"/>
        <source>QGIS could not export what changed to {path}.</source>
        <translation>QGIS n'a pas pu exporter ce qui a changé dans {path}.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/deliverables/deliverables_menu.py" line="38"/>
        <source>What changed since the previous session (PDF or CSV)…</source>
        <translation>Ce qui a changé depuis la séance précédente (PDF ou CSV)…</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/deliverables/deliverables_menu.py" line="38"/>
        <source>PDF (*.pdf);;CSV (*.csv)</source>
        <translation>PDF (*.pdf);;CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/evolution_panel.py" line="40"/>
        <source>Added</source>
        <translation>Ajouté</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/evolution_panel.py" line="41"/>
        <source>Changed</source>
        <translation>Modifié</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/evolution_panel.py" line="42"/>
        <source>Retained</source>
        <translation>Retenu</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/evolution_panel.py" line="43"/>
        <source>Dropped</source>
        <translation>Écarté</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/evolution_panel.py" line="44"/>
        <source>Deleted</source>
        <translation>Supprimé</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/evolution_panel.py" line="63"/>
        <source>What changed</source>
        <translation>Ce qui a changé</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/evolution_panel.py" line="69"/>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/evolution_panel.py" line="70"/>
        <source>To</source>
        <translation>À</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/evolution_panel.py" line="72"/>
        <source>Show on the map</source>
        <translation>Montrer sur la carte</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/evolution_panel.py" line="112"/>
        <source>Choose two different sessions to compare.</source>
        <translation>Choisissez deux séances différentes à comparer.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/evolution_panel.py" line="115"/>
        <source>{count} unreadable journal lines were skipped.</source>
        <translation>{count} lignes illisibles du journal ont été ignorées.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/editing/evolution_panel.py" line="162"/>
        <source>Fields changed: {fields}</source>
        <translation>Champs modifiés : {fields}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/atelier/communes.py" line="78"/>
        <source>The commune layer has invalid outlines ({codes}): they were repaired to find the communes of features.</source>
        <translation>La couche des communes a des contours invalides ({codes}) : ils ont été réparés pour trouver les communes des entités.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/deliverables/commune_filter.py" line="16"/>
        <source>Show only what concerns one commune: its stakes and the actions there</source>
        <translation>N'afficher que ce qui concerne une commune : ses enjeux et les actions qui s'y trouvent</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/deliverables/commune_filter.py" line="23"/>
        <source>All communes</source>
        <translation>Toutes les communes</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/deliverables/replay.py" line="59"/>
        <source>{file}: the replay is an animated GIF, its name ends in .gif.</source>
        <translation>{file} : le rejeu est un GIF animé, son nom se termine par .gif.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/deliverables/replay.py" line="75"/>
        <source>The session {session} has no journal entries for the map: nothing to replay.</source>
        <translation>La séance {session} n'a aucune entrée du journal pour la carte : rien à rejouer.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/deliverables/replay_journal.py" line="42"/>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/deliverables/replay_journal.py" line="43"/>
        <source>The atelier has no session {session}. Its sessions: {known}.</source>
        <translation>L'atelier n'a pas de séance {session}. Ses séances : {known}.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/deliverables/deliverables_menu.py" line="55"/>
        <source>Replay of a session (GIF)…</source>
        <translation>Rejeu d'une séance (GIF)…</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/deliverables/deliverables_menu.py" line="89"/>
        <source>Open an atelier first: the replay is made from it.</source>
        <translation>Ouvrez d'abord un atelier : le rejeu est fait à partir de lui.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/deliverables/deliverables_menu.py" line="94"/>
        <source>Replay</source>
        <translation>Rejeu</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/deliverables/deliverables_menu.py" line="94"/>
        <source>Session to replay:</source>
        <translation>Séance à rejouer :</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/deliverables/deliverables_menu.py" line="97"/>
        <source>GIF (*.gif)</source>
        <translation>GIF (*.gif)</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/deliverables/commune_sheets.py" line="29"/>
        <source>{path} has no commune layer: add one (init --communes, or the atelier&apos;s context layers) before exporting the commune sheets.</source>
        <translation>{path} n'a pas de couche des communes : ajoutez-en une (init --communes, ou les couches de contexte de l'atelier) avant d'exporter les fiches communes.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/deliverables/commune_sheets.py" line="46"/>
        <source>The layout {layout} is not an atlas over the communes.</source>
        <translation>La mise en page {layout} n'est pas un atlas sur les communes.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/deliverables/commune_sheets.py" line="52"/>
        <source>Unknown INSEE code {codes}: the atelier&apos;s communes are {valid}.</source>
        <translation>Code INSEE inconnu {codes} : les communes de l'atelier sont {valid}.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/deliverables/commune_sheets.py" line="69"/>
        <source>No commune has a stake, an action or an observation yet: there is no sheet to make.</source>
        <translation>Aucune commune n'a encore d'enjeu, d'action ni d'observation : il n'y a aucune fiche à faire.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/deliverables/deliverables_menu.py" line="37"/>
        <source>Commune sheets (PDF)…</source>
        <translation>Fiches communes (PDF)…</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/processing/provider.py" line="169"/>
        <source>Export the commune sheets (PDF)</source>
        <translation>Exporter les fiches communes (PDF)</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/processing/provider.py" line="172"/>
        <source>One page per commune: its map among its neighbours, the stakes in it, the actions that concern it, the observations and photos taken there; then what lies outside every commune. All communes, only those concerned, or those whose INSEE codes are given.</source>
        <translation>Une page par commune : sa carte parmi ses voisines, les enjeux qu'elle porte, les actions qui la concernent, les observations et photos prises sur place ; puis ce qui se trouve hors de toute commune. Toutes les communes, seulement celles concernées, ou celles dont les codes INSEE sont donnés.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/processing/provider.py" line="180"/>
        <source>INSEE codes of the communes (all when empty)</source>
        <translation>Codes INSEE des communes (toutes si vide)</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/processing/provider.py" line="185"/>
        <source>Only the communes concerned</source>
        <translation>Seulement les communes concernées</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/__init__.py" line="37"/>
        <source>The plugin&apos;s installation is incomplete: {file} is missing; reinstall it from its ZIP.</source>
        <translation>L'installation de l'extension est incomplète : {file} manque ; réinstallez-la depuis son ZIP.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/__init__.py" line="44"/>
        <source>The plugin could not start: {error}</source>
        <translation>L'extension n'a pas pu démarrer : {error}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/__init__.py" line="52"/>
        <source>The plugin</source>
        <translation>L'extension</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/__init__.py" line="57"/>
        <source>The plugin cannot start: this QGIS lacks the Python library {library}.</source>
        <translation>L'extension ne peut pas démarrer : il manque à ce QGIS la bibliothèque Python {library}.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/deliverables/replay.py" line="60"/>
        <source>The replay as a GIF</source>
        <translation>La rediffusion en GIF</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/errors.py" line="40"/>
        <source>{feature} needs the Python library {library}, which this QGIS does not have. On Windows, in the OSGeo4W Shell: python -m pip install {pip_name}; on Linux: sudo apt install {debian_package}.</source>
        <translation>{feature} demande la bibliothèque Python {library}, absente de ce QGIS. Sous Windows, dans l'OSGeo4W Shell : python -m pip install {pip_name} ; sous Linux : sudo apt install {debian_package}.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/phones/qr_code.py" line="25"/>
        <source>The phones&apos; QR code</source>
        <translation>Le QR code des téléphones</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/replacing.py" line="29"/>
        <source>{file} is open in another program (QGIS, LibreOffice?): close it and try again; nothing was replaced.</source>
        <translation>{file} est ouvert dans un autre programme (QGIS, LibreOffice ?) : fermez-le puis recommencez ; rien n'a été remplacé.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/replacing.py" line="32"/>
        <source>Cannot write {file}: {error}; nothing was replaced.</source>
        <translation>Impossible d'écrire {file} : {error} ; rien n'a été remplacé.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/stores/geopackage/sqlite_access.py" line="36"/>
        <source>{path} was last edited in QGIS and sits in a folder this computer cannot write to, where it cannot be read: copy it (with its -wal file, if there is one) to a folder you can write to, and open the copy.</source>
        <translation>{path} a été modifié en dernier dans QGIS et se trouve dans un dossier où cet ordinateur ne peut pas écrire, où il ne peut pas être lu : copiez-le (avec son fichier -wal, s'il y en a un) dans un dossier où vous pouvez écrire, et ouvrez la copie.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/stores/geopackage/store.py" line="121"/>
        <source>{path}: QGIS cannot keep its project in a file whose name or folder holds &apos;#&apos;.</source>
        <translation>{path} : QGIS ne peut pas enregistrer son projet dans un fichier dont le nom ou le dossier contient « # ».</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/stores/geopackage/store.py" line="206"/>
        <source>The QGIS project stored in {path} still names the file&apos;s former name: {error}</source>
        <translation>Le projet QGIS enregistré dans {path} désigne encore l'ancien nom du fichier : {error}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/visits/photos.py" line="97"/>
        <source>{file}: too many pixels to be a photo ({width} × {height}).</source>
        <translation>{file} : trop de pixels pour une photo ({width} × {height}).</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/visits/photos.py" line="103"/>
        <source>it stops before its end</source>
        <translation>il s'arrête avant sa fin</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/handoff/sync.py" line="105"/>
        <source>its name is taken by one of the atelier&apos;s tables, or holds &apos;|&apos; or control characters</source>
        <translation>son nom est pris par une table de l&apos;atelier, ou contient « | » ou des caractères de contrôle</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/handoff/sync.py" line="120"/>
        <source>The layer {layer} was not copied: {reason}.</source>
        <translation>La couche {layer} n&apos;a pas été copiée : {reason}.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/phones/reception.py" line="121"/>
        <source>The phones&apos; server failed on a connection: {error!r}</source>
        <translation>Le serveur des téléphones a échoué sur une connexion : {error!r}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/phones/reception.py" line="201"/>
        <source>The phones&apos; server: {problem}</source>
        <translation>Serveur des téléphones : {problem}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/stores/postgis/address.py" line="205"/>
        <source>The password in {address} is used only to connect now: the atelier&apos;s layers and its QGIS project never keep it, and PostgreSQL asks for one without it. Give the password in ~/.pgpass (or the file PGPASSFILE names), in a service file (postgresql:///database?service=name), or in a QGIS authentication configuration (authcfg=id), and leave it out of the address.</source>
        <translation>Le mot de passe de {address} ne sert qu&apos;à se connecter maintenant : ni les couches de l&apos;atelier ni son projet QGIS ne le gardent, et PostgreSQL en demande un sans lui. Donnez le mot de passe dans ~/.pgpass (ou le fichier que nomme PGPASSFILE), dans un fichier de service (postgresql:///base?service=nom) ou dans une configuration d&apos;authentification de QGIS (authcfg=id), et retirez-le de l&apos;adresse.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/visits/gpx.py" line="180"/>
        <source>{file}: the time {time} is not a date and time; nothing was added.</source>
        <translation>{file} : l&apos;heure {time} n&apos;est pas une date et une heure ; rien n&apos;a été ajouté.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/visits/gpx_check.py" line="129"/>
        <source>{file}: the GPX declares XML entities or refers to another file, which a GPS never writes; it is refused as unsafe.</source>
        <translation>{file} : le GPX déclare des entités XML ou renvoie à un autre fichier, ce qu&apos;aucun GPS n&apos;écrit ; il est refusé par sécurité.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/visits/gpx_check.py" line="171"/>
        <source>{file}: {problem}; the itinerary would run through it, nothing was added.</source>
        <translation>{file} : {problem} ; l&apos;itinéraire passerait par là, rien n&apos;a été ajouté.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/visits/gpx_check.py" line="180"/>
        <source>waypoint {number} at line {line}</source>
        <translation>point de passage {number} à la ligne {line}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/visits/gpx_check.py" line="181"/>
        <source>track point {number} at line {line}</source>
        <translation>point de trace {number} à la ligne {line}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/visits/gpx_check.py" line="182"/>
        <source>route point {number} at line {line}</source>
        <translation>point d&apos;itinéraire {number} à la ligne {line}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/visits/gpx_check.py" line="206"/>
        <source>{file}: {point}: the time {time} is not a date and time; nothing was added.</source>
        <translation>{file} : {point} : l&apos;heure {time} n&apos;est pas une date et une heure ; rien n&apos;a été ajouté.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/visits/observations.py" line="80"/>
        <source>The position {latitude}, {longitude} lies outside what the atelier&apos;s map can show.</source>
        <translation>La position {latitude}, {longitude} est hors de ce que la carte de l&apos;atelier peut montrer.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/visits/photos.py" line="106"/>
        <source>{file}: too large an image to read here ({width} × {height}); export a smaller copy.</source>
        <translation>{file} : image trop grande pour être lue ici ({width} × {height}) ; exportez-en une copie plus petite.</translation>
    </message>
</context>
<context>
    <name>NewAtelierDialog</name>
    <message>
        <location filename="../ui/new_atelier.ui" line="20"/>
        <source>New atelier</source>
        <translation>Nouvel atelier</translation>
    </message>
    <message>
        <location filename="../ui/new_atelier.ui" line="26"/>
        <source>An atelier is one GeoPackage file holding everything the workshops draw: stakes, actions, sketches, observations and their photos. Its layers are added to the project, styled and with their forms.</source>
        <translation>Un atelier est un fichier GeoPackage unique qui contient tout ce que les ateliers dessinent : enjeux, actions, croquis, observations et leurs photos. Ses couches sont ajoutées au projet, avec leurs styles et leurs formulaires.</translation>
    </message>
    <message>
        <location filename="../ui/new_atelier.ui" line="41"/>
        <source>Territory *</source>
        <translation>Territoire *</translation>
    </message>
    <message>
        <location filename="../ui/new_atelier.ui" line="51"/>
        <source>e.g. CC Bassée-Montois</source>
        <translation>par exemple CC Bassée-Montois</translation>
    </message>
    <message>
        <location filename="../ui/new_atelier.ui" line="58"/>
        <source>Atelier file *</source>
        <translation>Fichier de l'atelier *</translation>
    </message>
    <message>
        <location filename="../ui/new_atelier.ui" line="68"/>
        <source>Coordinate reference system</source>
        <translation>Système de coordonnées de référence</translation>
    </message>
    <message>
        <location filename="../ui/new_atelier.ui" line="78"/>
        <source>Communes (optional)</source>
        <translation>Communes (facultatif)</translation>
    </message>
    <message>
        <location filename="../ui/new_atelier.ui" line="85"/>
        <source>A vector file of the territory's communes (GeoJSON, shapefile, GeoPackage…), copied into the atelier as a background layer.</source>
        <translation>Un fichier vectoriel des communes du territoire (GeoJSON, shapefile, GeoPackage…), copié dans l'atelier comme couche de fond.</translation>
    </message>
    <message>
        <location filename="../ui/new_atelier.ui" line="92"/>
        <source>Title (optional)</source>
        <translation>Titre (facultatif)</translation>
    </message>
    <message>
        <location filename="../ui/new_atelier.ui" line="102"/>
        <source>Atelier des territoires — territory name</source>
        <translation>Atelier des territoires — nom du territoire</translation>
    </message>
</context>
</TS>
