<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>@default</name>
    <message>
        <location filename="../../bassee_atelier_plugin/core/live.py" line="73"/>
        <source>Nothing was drawn.</source>
        <translation>Rien n'a été dessiné.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/live.py" line="77"/>
        <source>Draw one shape at a time.</source>
        <translation>Dessinez une seule forme à la fois.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/live.py" line="84"/>
        <source>A line needs two distinct points: nothing was saved.</source>
        <translation>Une ligne a besoin de deux points distincts : rien n'a été enregistré.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/live.py" line="86"/>
        <source>An area needs at least three points that are not in line: nothing was saved.</source>
        <translation>Une zone a besoin d'au moins trois points non alignés : rien n'a été enregistré.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/live.py" line="91"/>
        <source>The area crossed itself: it was repaired.</source>
        <translation>La zone se recoupait : elle a été réparée.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/live.py" line="95"/>
        <source>This kind of geometry cannot be stored here.</source>
        <translation>Ce type de géométrie ne peut pas être enregistré ici.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/live.py" line="124"/>
        <source>{path} is read-only: it cannot be edited.</source>
        <translation>{path} est en lecture seule : il ne peut pas être modifié.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/live.py" line="177"/>
        <source>new stake</source>
        <translation>nouvel enjeu</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/live.py" line="184"/>
        <source>A sketch is a line or an area.</source>
        <translation>Un croquis est une ligne ou une zone.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/live.py" line="185"/>
        <source>new sketch</source>
        <translation>nouveau croquis</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/live.py" line="189"/>
        <source>A note needs a text.</source>
        <translation>Une note a besoin d'un texte.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/live.py" line="192"/>
        <source>A note is placed at a point.</source>
        <translation>Une note se place en un point.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/live.py" line="193"/>
        <source>new note</source>
        <translation>nouvelle note</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/live.py" line="234"/>
        <source>A vote is +1 or -1.</source>
        <translation>Un vote vaut +1 ou -1.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/live.py" line="238"/>
        <source>vote</source>
        <translation>vote</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/live.py" line="242"/>
        <source>status</source>
        <translation>statut</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/live.py" line="248"/>
        <source>These fields are kept by the atelier itself: {fields}</source>
        <translation>Ces champs sont tenus par l'atelier lui-même : {fields}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/live.py" line="255"/>
        <source>edit</source>
        <translation>modification</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/live.py" line="261"/>
        <source>The new shape is not of the same kind as the old one.</source>
        <translation>La nouvelle forme n'est pas du même type que l'ancienne.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/live.py" line="263"/>
        <source>move or reshape</source>
        <translation>déplacement ou remodelage</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/live.py" line="274"/>
        <source>delete</source>
        <translation>suppression</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/live.py" line="392"/>
        <source>{code} is not in the list {list} of this atelier.</source>
        <translation>{code} ne figure pas dans la liste {list} de cet atelier.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/live.py" line="417"/>
        <source>This is outside the territory: it was kept, and flagged in the journal.</source>
        <translation>Hors du territoire : conservé, et signalé dans le journal.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/presentation.py" line="378"/>
        <source>Atelier des territoires style</source>
        <translation>Style Atelier des territoires</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/processing/provider.py" line="120"/>
        <source>Atelier des Territoires</source>
        <translation>Atelier des Territoires</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/plugin.py" line="63"/>
        <source>New atelier…</source>
        <translation>Nouvel atelier…</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/plugin.py" line="64"/>
        <source>Open atelier…</source>
        <translation>Ouvrir un atelier…</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/processing/provider.py" line="70"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/new_atelier_dialog.py" line="28"/>
        <source>Vector files (*.geojson *.json *.gpkg *.shp *.fgb);;All files (*)</source>
        <translation>Fichiers vectoriels (*.geojson *.json *.gpkg *.shp *.fgb);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/new_atelier_dialog.py" line="48"/>
        <source>Replace the file?</source>
        <translation>Remplacer le fichier ?</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/new_atelier_dialog.py" line="48"/>
        <source>{path} already exists. Replace it with a new, empty atelier? Its content will be lost.</source>
        <translation>{path} existe déjà. Le remplacer par un nouvel atelier vide ? Son contenu sera perdu.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/atelier_loader.py" line="39"/>
        <source>Open atelier</source>
        <translation>Ouvrir un atelier</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/atelier_loader.py" line="63"/>
        <source>This atelier is already in the project: it is now selected.</source>
        <translation>Cet atelier est déjà dans le projet : il est maintenant sélectionné.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/atelier_loader.py" line="76"/>
        <source>The atelier was upgraded to the current version; the original is kept as {backup}.</source>
        <translation>L'atelier a été mis à jour vers la version actuelle ; l'original est conservé sous {backup}.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/atelier_loader.py" line="83"/>
        <source>{path} is read-only: it was opened read-only and its layers cannot be edited.</source>
        <translation>{path} est en lecture seule : il a été ouvert en lecture seule et ses couches ne sont pas modifiables.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/atelier_loader.py" line="90"/>
        <source>Atelier opened: {title}</source>
        <translation>Atelier ouvert : {title}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/storage.py" line="136"/>
        <source>The territory name is empty: give the name of the territory.</source>
        <translation>Le nom du territoire est vide : indiquez le nom du territoire.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/storage.py" line="138"/>
        <source>{path}: an atelier file name ends in .gpkg.</source>
        <translation>{path} : le nom d'un fichier d'atelier se termine par .gpkg.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/storage.py" line="140"/>
        <source>{path} already exists: it was left untouched (use --force to replace it).</source>
        <translation>{path} existe déjà : il n'a pas été modifié (utilisez --force pour le remplacer).</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/visits.py" line="184"/>
        <source>{folder} is not an existing folder.</source>
        <translation>{folder} n'est pas un dossier existant.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/storage.py" line="147"/>
        <source>Atelier des territoires — {territory}</source>
        <translation>Atelier des territoires — {territory}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/storage.py" line="156"/>
        <source>Cannot write in {folder}: {error}</source>
        <translation>Impossible d'écrire dans {folder} : {error}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/visits.py" line="141"/>
        <source>Cannot write {path}: {error}</source>
        <translation>Impossible d'écrire {path} : {error}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/storage.py" line="217"/>
        <source>{path}: no such file.</source>
        <translation>{path} : fichier introuvable.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/storage.py" line="189"/>
        <source>{path} is not a vector file GDAL can read.</source>
        <translation>{path} n'est pas un fichier vectoriel lisible par GDAL.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/storage.py" line="194"/>
        <source>{path} holds no features.</source>
        <translation>{path} ne contient aucune entité.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/storage.py" line="196"/>
        <source>{path} has no coordinate reference system.</source>
        <translation>{path} n'a pas de système de coordonnées de référence.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/storage.py" line="208"/>
        <source>Could not copy {path} into the atelier.</source>
        <translation>Impossible de copier {path} dans l'atelier.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/storage.py" line="219"/>
        <source>{path} is a folder, not an atelier file.</source>
        <translation>{path} est un dossier, pas un fichier d'atelier.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/storage.py" line="223"/>
        <source>{path} was made by a newer version of the plugin (schema {found}, this one reads up to {known}): update the plugin to open it.</source>
        <translation>{path} a été créé par une version plus récente de l'extension (schéma {found}, celle-ci lit jusqu'au schéma {known}) : mettez l'extension à jour pour l'ouvrir.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/storage.py" line="232"/>
        <source>{path} is an older atelier (schema {found}) and is read-only, so it cannot be upgraded: open a writable copy.</source>
        <translation>{path} est un atelier plus ancien (schéma {found}) en lecture seule : il ne peut pas être mis à jour. Ouvrez-en une copie modifiable.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/storage.py" line="248"/>
        <source>{path} is read-only: nothing was changed.</source>
        <translation>{path} est en lecture seule : rien n'a été modifié.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/storage.py" line="310"/>
        <source>{path} is not a GeoPackage (or it is damaged): it cannot be opened as an atelier.</source>
        <translation>{path} n'est pas un GeoPackage (ou il est endommagé) : il ne peut pas être ouvert comme atelier.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/storage.py" line="316"/>
        <source>{path} is a GeoPackage but not an atelier (it has no atelier metadata).</source>
        <translation>{path} est un GeoPackage mais pas un atelier (il ne contient pas de métadonnées d'atelier).</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/storage.py" line="322"/>
        <source>{path} has damaged atelier metadata: {error}</source>
        <translation>Les métadonnées d'atelier de {path} sont endommagées : {error}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/storage.py" line="335"/>
        <source>{crs} is not a coordinate reference system GDAL knows.</source>
        <translation>{crs} n'est pas un système de coordonnées de référence connu de GDAL.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/storage.py" line="337"/>
        <source>{crs} is in degrees: an atelier needs a projected CRS in metres (e.g. EPSG:2154).</source>
        <translation>{crs} est en degrés : un atelier a besoin d'un SCR projeté en mètres (par exemple EPSG:2154).</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/storage.py" line="456"/>
        <source>{path} has no list {name}.</source>
        <translation>{path} n'a pas de liste {name}.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/upgrade.py" line="96"/>
        <source>{path} has schema {version}, which this plugin cannot upgrade.</source>
        <translation>{path} est au schéma {version}, que cette extension ne sait pas mettre à jour.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/upgrade.py" line="103"/>
        <source>Could not write the backup {backup} before upgrading, so nothing was changed: {error}</source>
        <translation>Impossible d'écrire la sauvegarde {backup} avant la mise à jour : rien n'a été modifié. {error}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/upgrade.py" line="116"/>
        <source>Upgrading {path} failed and was undone ({error}); a backup is at {backup}.</source>
        <translation>La mise à jour de {path} a échoué et a été annulée ({error}) ; une sauvegarde se trouve dans {backup}.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/presentation.py" line="257"/>
        <source>QGIS cannot read the layer {table} of {path}.</source>
        <translation>QGIS ne peut pas lire la couche {table} de {path}.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/presentation.py" line="380"/>
        <source>Could not store the style of {table}: {error}</source>
        <translation>Impossible d'enregistrer le style de {table} : {error}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/presentation.py" line="389"/>
        <source>Could not store the QGIS project in {path}: {error}</source>
        <translation>Impossible d'enregistrer le projet QGIS dans {path} : {error}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/features.py" line="137"/>
        <source>The atelier has no table {table}.</source>
        <translation>L'atelier n'a pas de table {table}.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/features.py" line="146"/>
        <source>No feature {uuid} in {table}.</source>
        <translation>Aucune entité {uuid} dans {table}.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/features.py" line="193"/>
        <source>{table} is not a table of atelier features.</source>
        <translation>{table} n'est pas une table d'entités de l'atelier.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/features.py" line="205"/>
        <source>Not a valid geometry: {wkt}</source>
        <translation>Géométrie non valide : {wkt}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/features.py" line="238"/>
        <source>Unknown field {field}.</source>
        <translation>Champ inconnu : {field}.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/validation.py" line="25"/>
        <source>schema {found} is older than {current}: open it once to upgrade it</source>
        <translation>le schéma {found} est antérieur au schéma {current} : ouvrez le fichier une fois pour le mettre à jour</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/validation.py" line="36"/>
        <source>table {table} is missing</source>
        <translation>la table {table} est absente</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/validation.py" line="59"/>
        <source>not a conformant GeoPackage: {error}</source>
        <translation>GeoPackage non conforme : {error}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/validation.py" line="65"/>
        <source>the SQLite integrity check failed: {verdict}</source>
        <translation>le contrôle d'intégrité SQLite a échoué : {verdict}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/validation.py" line="75"/>
        <source>{table}: field {field} is missing</source>
        <translation>{table} : le champ {field} est absent</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/validation.py" line="77"/>
        <source>{table}: field {field} has the wrong type</source>
        <translation>{table} : le champ {field} n'a pas le bon type</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/validation.py" line="80"/>
        <source>{table}: the geometry type is not {kind}</source>
        <translation>{table} : le type de géométrie n'est pas {kind}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/validation.py" line="84"/>
        <source>{table}: its CRS {found} is not the atelier&apos;s {crs}</source>
        <translation>{table} : son SCR {found} n'est pas celui de l'atelier ({crs})</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/validation.py" line="92"/>
        <source>{table}: {count} rows have no UUID</source>
        <translation>{table} : {count} lignes n'ont pas d'UUID</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/validation.py" line="110"/>
        <source>{table}.{field}: values not in the list {list}: {values}</source>
        <translation>{table}.{field} : valeurs absentes de la liste {list} : {values}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/validation.py" line="121"/>
        <source>no layer styles are stored</source>
        <translation>aucun style de couche n'est enregistré</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/validation.py" line="131"/>
        <source>{table}: no default style is stored</source>
        <translation>{table} : aucun style par défaut n'est enregistré</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/validation.py" line="133"/>
        <source>no QGIS project is stored</source>
        <translation>aucun projet QGIS n'est enregistré</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/validation.py" line="135"/>
        <source>the QGIS project &apos;{name}&apos; is not stored</source>
        <translation>le projet QGIS « {name} » n'est pas enregistré</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/snapshot.py" line="47"/>
        <source>{path} has no readable QGIS project: {error}</source>
        <translation>{path} ne contient pas de projet QGIS lisible : {error}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/snapshot.py" line="52"/>
        <source>Could not write the picture {path}.</source>
        <translation>Impossible d'écrire l'image {path}.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/snapshot.py" line="59"/>
        <source>{side} pixels is not a usable picture size: give a width and height from 1 to {max}.</source>
        <translation>{side} pixels n'est pas une taille d'image utilisable : indiquez une largeur et une hauteur de 1 à {max}.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/snapshot.py" line="69"/>
        <source>{path}: the snapshot is a PNG picture, its name ends in .png.</source>
        <translation>{path} : l'instantané est une image PNG, son nom se termine par .png.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/snapshot.py" line="73"/>
        <source>Cannot write {path}: check the name and the permissions.</source>
        <translation>Impossible d'écrire {path} : vérifiez le nom et les droits d'accès.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/validation.py" line="58"/>
        <source>the GeoPackage structure is damaged ({error})</source>
        <translation>la structure du GeoPackage est endommagée ({error})</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/storage.py" line="192"/>
        <source>{path} has no layer {layer}.</source>
        <translation>{path} n'a pas de couche {layer}.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/plugin.py" line="65"/>
        <source>Live workshop</source>
        <translation>Atelier en direct</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/live_dock.py" line="192"/>
        <source>No atelier is open in the project.</source>
        <translation>Aucun atelier n'est ouvert dans le projet.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/live_dock.py" line="136"/>
        <source>Session</source>
        <translation>Séance</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/live_dock.py" line="137"/>
        <source>Group</source>
        <translation>Groupe</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/projector.py" line="630"/>
        <source>Stakes</source>
        <translation>Enjeux</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/live_dock.py" line="350"/>
        <source>(no reading)</source>
        <translation>(sans lecture)</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/live_dock.py" line="354"/>
        <source>Reading</source>
        <translation>Lecture</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/live_dock.py" line="357"/>
        <source>Point</source>
        <translation>Point</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/live_dock.py" line="367"/>
        <source>Line</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/live_dock.py" line="367"/>
        <source>Area</source>
        <translation>Zone</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/live_dock.py" line="362"/>
        <source>Fast mode (no form after drawing)</source>
        <translation>Mode rapide (pas de formulaire après le dessin)</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/live_dock.py" line="366"/>
        <source>Sketches (freehand)</source>
        <translation>Croquis (à main levée)</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visit_dock.py" line="113"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/live_dock.py" line="374"/>
        <source>On the map</source>
        <translation>Sur la carte</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/live_dock.py" line="375"/>
        <source>Vote +1 / −1</source>
        <translation>Vote +1 / −1</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/live_dock.py" line="376"/>
        <source>Left click on a stake: +1; right click: −1</source>
        <translation>Clic gauche sur un enjeu : +1 ; clic droit : −1</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/live_dock.py" line="377"/>
        <source>Move</source>
        <translation>Déplacer</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/live_dock.py" line="378"/>
        <source>Reshape</source>
        <translation>Remodeler</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/live_dock.py" line="379"/>
        <source>Drag a vertex of a line or an area</source>
        <translation>Faire glisser un sommet d'une ligne ou d'une zone</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/live_dock.py" line="380"/>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/live_dock.py" line="382"/>
        <source>Status (one click on a stake):</source>
        <translation>Statut (un clic sur un enjeu) :</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/projector.py" line="288"/>
        <source>Undo</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/projector.py" line="289"/>
        <source>Redo</source>
        <translation>Rétablir</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/live_dock.py" line="120"/>
        <source>Add…</source>
        <translation>Ajouter…</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/live_dock.py" line="147"/>
        <source>(no session)</source>
        <translation>(sans séance)</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/live_dock.py" line="161"/>
        <source>(no group)</source>
        <translation>(sans groupe)</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/live_dock.py" line="169"/>
        <source>New session</source>
        <translation>Nouvelle séance</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/live_dock.py" line="169"/>
        <source>Title of the session:</source>
        <translation>Titre de la séance :</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/live_dock.py" line="174"/>
        <source>New group</source>
        <translation>Nouveau groupe</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/live_dock.py" line="174"/>
        <source>Name of the group (table):</source>
        <translation>Nom du groupe (table) :</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/live_dock.py" line="551"/>
        <source>Text of the note:</source>
        <translation>Texte de la note :</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/live_session.py" line="121"/>
        <source>Open an atelier first: there is nothing to draw on.</source>
        <translation>Ouvrez d'abord un atelier : il n'y a rien sur quoi dessiner.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/live_session.py" line="142"/>
        <source>Undone: {what}</source>
        <translation>Annulé : {what}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/live_session.py" line="142"/>
        <source>Nothing to undo.</source>
        <translation>Rien à annuler.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/live_session.py" line="145"/>
        <source>Redone: {what}</source>
        <translation>Rétabli : {what}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/live_session.py" line="145"/>
        <source>Nothing to redo.</source>
        <translation>Rien à rétablir.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/projector.py" line="245"/>
        <source>Themes on the map</source>
        <translation>Thèmes sur la carte</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/projector.py" line="269"/>
        <source>Projector mode: keyboard shortcuts</source>
        <translation>Mode projecteur : raccourcis clavier</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/projector.py" line="284"/>
        <source>Whole territory</source>
        <translation>Tout le territoire</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/projector.py" line="285"/>
        <source>Commune under the pointer</source>
        <translation>La commune sous le pointeur</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/projector.py" line="286"/>
        <source>Site under the pointer, at 1:5,000</source>
        <translation>Le site sous le pointeur, au 1/5 000</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/projector.py" line="287"/>
        <source>Click a theme</source>
        <translation>Clic sur un thème</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/projector.py" line="287"/>
        <source>Place a stake of that theme</source>
        <translation>Placer un enjeu de ce thème</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/projector.py" line="290"/>
        <source>H or ?</source>
        <translation>H ou ?</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/projector.py" line="290"/>
        <source>Show or hide this help</source>
        <translation>Afficher ou masquer cette aide</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/projector.py" line="291"/>
        <source>Projector mode on or off</source>
        <translation>Entrer dans le mode projecteur ou en sortir</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/projector.py" line="292"/>
        <source>Esc</source>
        <translation>Échap</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/projector.py" line="292"/>
        <source>Leave projector mode</source>
        <translation>Quitter le mode projecteur</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/projector.py" line="347"/>
        <source>Projector mode</source>
        <translation>Mode projecteur</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/projector.py" line="351"/>
        <source>Full-screen map for the projector ({keys})</source>
        <translation>Carte en plein écran pour le projecteur ({keys})</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/projector.py" line="371"/>
        <source>Open an atelier first: projector mode shows its themes.</source>
        <translation>Ouvrez d'abord un atelier : le mode projecteur montre ses thèmes.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/projector.py" line="458"/>
        <source>No commune here: point at one of the territory.</source>
        <translation>Pas de commune ici : pointez une commune du territoire.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/projector.py" line="632"/>
        <source>Sketches</source>
        <translation>Croquis</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/projector.py" line="633"/>
        <source>H: shortcuts · Esc: leave</source>
        <translation>H : raccourcis · Échap : quitter</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/stake_form.py" line="17"/>
        <source>About this stake</source>
        <translation>À propos de cet enjeu</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/stake_form.py" line="21"/>
        <source>(no actor)</source>
        <translation>(sans acteur)</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/stake_form.py" line="25"/>
        <source>Skip</source>
        <translation>Passer</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/stake_form.py" line="29"/>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/stake_form.py" line="30"/>
        <source>Comment</source>
        <translation>Commentaire</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/stake_form.py" line="31"/>
        <source>Actor</source>
        <translation>Acteur</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/live.py" line="210"/>
        <source>An observation is placed at a point.</source>
        <translation>Une observation se place en un point.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/live.py" line="216"/>
        <source>{file} is already in the atelier: it was not stored twice.</source>
        <translation>{file} est déjà dans l'atelier : elle n'a pas été enregistrée deux fois.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/live.py" line="222"/>
        <source>new observation</source>
        <translation>nouvelle observation</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/live.py" line="228"/>
        <source>new itinerary</source>
        <translation>nouvel itinéraire</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/photos.py" line="62"/>
        <source>{file}: cannot be read ({error}).</source>
        <translation>{file} : lecture impossible ({error}).</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/photos.py" line="64"/>
        <source>{file}: too large ({size:.0f} MB; the limit, set in the plugin&apos;s settings, is {limit:.0f} MB).</source>
        <translation>{file} : trop volumineux ({size:.0f} Mo ; la limite, fixée dans les réglages de l'extension, est de {limit:.0f} Mo).</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/photos.py" line="79"/>
        <source>{file}: too many pixels to be a photo ({error}).</source>
        <translation>{file} : trop de pixels pour une photo ({error}).</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/photos.py" line="83"/>
        <source>{file}: the image is truncated or damaged ({error}).</source>
        <translation>{file} : l'image est tronquée ou abîmée ({error}).</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/photos.py" line="109"/>
        <source>{file}: HEIC photos cannot be read here (no decoder installed); export them as JPEG.</source>
        <translation>{file} : les photos HEIC ne peuvent pas être lues ici (aucun décodeur installé) ; exportez-les en JPEG.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/photos.py" line="112"/>
        <source>{file}: not an image format this plugin can read.</source>
        <translation>{file} : format d'image que l'extension ne sait pas lire.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/visits.py" line="49"/>
        <source>{observations} observation(s) and {attachments} photo(s) added; {duplicates} already in the atelier; {unplaced} without position; {failed} refused.</source>
        <translation>{observations} observation(s) et {attachments} photo(s) ajoutée(s) ; {duplicates} déjà dans l'atelier ; {unplaced} sans position ; {failed} refusée(s).</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/visits.py" line="154"/>
        <source>none yet</source>
        <translation>aucune pour l'instant</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/visits.py" line="155"/>
        <source>{atelier} has no session {session}. Its sessions: {known}.</source>
        <translation>{atelier} n'a pas de séance {session}. Ses séances : {known}.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/visits.py" line="285"/>
        <source>{file}: not a readable GPX file ({error}).</source>
        <translation>{file} : fichier GPX illisible ({error}).</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/visits.py" line="289"/>
        <source>{file}: not a GPX file.</source>
        <translation>{file} : ce n'est pas un fichier GPX.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/visits.py" line="303"/>
        <source>{file}: the GPX has no track or route of two points or more; nothing was added.</source>
        <translation>{file} : le GPX n'a ni trace ni route d'au moins deux points ; rien n'a été ajouté.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/visits.py" line="325"/>
        <source>An itinerary needs at least two distinct positions; nothing was added.</source>
        <translation>Un itinéraire demande au moins deux positions distinctes ; rien n'a été ajouté.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/photo_widget.py" line="63"/>
        <source>(no photo)</source>
        <translation>(pas de photo)</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/photo_widget.py" line="76"/>
        <source>Photo (atelier)</source>
        <translation>Photo (atelier)</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visit_dock.py" line="68"/>
        <source>Images ({patterns})</source>
        <translation>Images ({patterns})</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visit_dock.py" line="234"/>
        <source>Observation</source>
        <translation>Observation</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visit_dock.py" line="91"/>
        <source>What is seen here</source>
        <translation>Ce que l'on voit ici</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visit_dock.py" line="94"/>
        <source>Add photos…</source>
        <translation>Ajouter des photos…</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visit_dock.py" line="96"/>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visit_dock.py" line="102"/>
        <source>unknown</source>
        <translation>inconnue</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visit_dock.py" line="114"/>
        <source>Photos</source>
        <translation>Photos</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visit_dock.py" line="116"/>
        <source>Accuracy</source>
        <translation>Précision</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visit_dock.py" line="120"/>
        <source>Photos of the observation</source>
        <translation>Photos de l'observation</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visit_dock.py" line="161"/>
        <source>Session photos</source>
        <translation>Photos de la séance</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visit_dock.py" line="180"/>
        <source>This session has no photos yet.</source>
        <translation>Cette séance n'a pas encore de photos.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visit_dock.py" line="182"/>
        <source>Export…</source>
        <translation>Exporter…</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visit_dock.py" line="204"/>
        <source>Export the photo</source>
        <translation>Exporter la photo</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visit_dock.py" line="212"/>
        <source>Photo exported to {path}.</source>
        <translation>Photo exportée vers {path}.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/plugin.py" line="66"/>
        <source>Site visit</source>
        <translation>Visite de terrain</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visit_dock.py" line="233"/>
        <source>Observations</source>
        <translation>Observations</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visit_dock.py" line="235"/>
        <source>Click on the map where the observation was made</source>
        <translation>Cliquez sur la carte là où l'observation a été faite</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visit_dock.py" line="239"/>
        <source>Observation at the GPS position</source>
        <translation>Observation à la position GPS</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visit_dock.py" line="240"/>
        <source>Uses the GPS connected in QGIS, and keeps its accuracy</source>
        <translation>Utilise le GPS connecté dans QGIS et garde sa précision</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visit_dock.py" line="469"/>
        <source>Record the route (GPS)</source>
        <translation>Enregistrer le trajet (GPS)</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visit_dock.py" line="250"/>
        <source>Imports</source>
        <translation>Imports</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visit_dock.py" line="251"/>
        <source>Import a folder of photos…</source>
        <translation>Importer un dossier de photos…</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visit_dock.py" line="253"/>
        <source>Import a GPX itinerary…</source>
        <translation>Importer un itinéraire GPX…</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visit_dock.py" line="255"/>
        <source>Session photos…</source>
        <translation>Photos de la séance…</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visit_dock.py" line="261"/>
        <source>Photos without position (select one, then click on the map):</source>
        <translation>Photos sans position (choisissez-en une, puis cliquez sur la carte) :</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visit_dock.py" line="269"/>
        <source>Photo settings</source>
        <translation>Réglages des photos</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visit_dock.py" line="288"/>
        <source>Photos of a folder taken this close together make one observation (0: never)</source>
        <translation>Les photos d'un dossier prises à cette distance les unes des autres forment une seule observation (0 : jamais)</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visit_dock.py" line="294"/>
        <source>Keep the original files in the atelier</source>
        <translation>Garder les fichiers originaux dans l'atelier</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visit_dock.py" line="310"/>
        <source>Join distance</source>
        <translation>Distance de regroupement</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visit_dock.py" line="311"/>
        <source>Display copy size</source>
        <translation>Taille de la copie d'affichage</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visit_dock.py" line="313"/>
        <source>Largest photo file</source>
        <translation>Fichier photo le plus lourd accepté</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visit_dock.py" line="436"/>
        <source>No GPS is connected: connect one in QGIS (View › Panels › GPS Information) first.</source>
        <translation>Aucun GPS n'est connecté : connectez-en un dans QGIS (Vue › Panneaux › Informations GPS) d'abord.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visit_dock.py" line="448"/>
        <source>The GPS has no position yet: wait for a fix, outdoors.</source>
        <translation>Le GPS n'a pas encore de position : attendez qu'il capte, à l'extérieur.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visit_dock.py" line="467"/>
        <source>Stop and keep the route</source>
        <translation>Arrêter et garder le trajet</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visit_dock.py" line="472"/>
        <source>GPS route</source>
        <translation>Trajet GPS</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visit_dock.py" line="474"/>
        <source>The GPS gave no position: no route was added.</source>
        <translation>Le GPS n'a donné aucune position : aucun trajet n'a été ajouté.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visit_dock.py" line="477"/>
        <source>Route added: {count} positions.</source>
        <translation>Trajet ajouté : {count} positions.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visit_dock.py" line="483"/>
        <source>Folder of photos</source>
        <translation>Dossier de photos</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visit_dock.py" line="489"/>
        <source>Importing photos…</source>
        <translation>Import des photos…</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visit_dock.py" line="489"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visit_dock.py" line="499"/>
        <source>Importing {file} ({done}/{total})…</source>
        <translation>Import de {file} ({done}/{total})…</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visit_dock.py" line="532"/>
        <source>Import stopped: {summary}</source>
        <translation>Import arrêté : {summary}</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visit_dock.py" line="547"/>
        <source>GPX itinerary</source>
        <translation>Itinéraire GPX</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visit_dock.py" line="547"/>
        <source>GPX files (*.gpx)</source>
        <translation>Fichiers GPX (*.gpx)</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/gui/visit_dock.py" line="561"/>
        <source>Itinerary “{name}” added.</source>
        <translation>Itinéraire « {name} » ajouté.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/roadmap.py" line="83"/>
        <source>{file}: the roadmap is written as .csv or .ods, not {suffix}.</source>
        <translation>{file} : la feuille de route s'écrit en .csv ou en .ods, pas en {suffix}.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/roadmap.py" line="83"/>
        <source>(no extension)</source>
        <translation>(sans extension)</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/core/roadmap.py" line="100"/>
        <source>Roadmap</source>
        <translation>Feuille de route</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/processing/provider.py" line="59"/>
        <source>Create an atelier</source>
        <translation>Créer un atelier</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/processing/provider.py" line="62"/>
        <source>An empty atelier GeoPackage for a territory, styled, with the communes as context if given.</source>
        <translation>Un atelier GeoPackage vide pour un territoire, stylé, avec les communes en contexte si elles sont fournies.</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/processing/provider.py" line="65"/>
        <source>Territory</source>
        <translation>Territoire</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/processing/provider.py" line="66"/>
        <source>Projected CRS</source>
        <translation>SCR projeté</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/processing/provider.py" line="69"/>
        <source>Communes (a vector file)</source>
        <translation>Communes (un fichier vecteur)</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/processing/provider.py" line="99"/>
        <source>Atelier</source>
        <translation>Atelier</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/processing/provider.py" line="93"/>
        <source>Export the roadmap (feuille de route)</source>
        <translation>Exporter la feuille de route</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/processing/provider.py" line="96"/>
        <source>The roadmap as a table: orientations, then their actions and the stakes each answers (CSV or ODS).</source>
        <translation>La feuille de route en tableau : les orientations, puis leurs actions et les enjeux que chacune traite (CSV ou ODS).</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/processing/provider.py" line="100"/>
        <source>Roadmap table</source>
        <translation>Tableau de la feuille de route</translation>
    </message>
    <message>
        <location filename="../../bassee_atelier_plugin/processing/provider.py" line="100"/>
        <source>CSV (*.csv);;OpenDocument spreadsheet (*.ods)</source>
        <translation>CSV (*.csv);;Classeur OpenDocument (*.ods)</translation>
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
