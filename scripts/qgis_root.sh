#!/usr/bin/env bash
# Another QGIS without touching the machine's own: an isolated Debian root that holds it.
#
#   scripts/qgis_root.sh VERSION                 make the root (or reuse it) and print its path
#   scripts/qgis_root.sh VERSION run COMMAND...  run COMMAND in it, in this project's folder
#   scripts/qgis_root.sh VERSION python ARGS...  run the root's Python, with the project importable
#   scripts/qgis_root.sh VERSION planner COMMAND...  run COMMAND as on a planner's QGIS: the root's
#       own Python and QGIS, without the project's virtual environment, and without the libraries
#       that a minimal OSGeo4W install of QGIS lacks ($PLANNER_ABSENT_LIBRARIES, see below)
#
# VERSION is a QGIS series that Debian's archive serves:
#   3.40  Debian 12 "bookworm" with bookworm-backports
#   3.44  Debian 13 "trixie" with trixie-backports
#
# The roots live in $QGIS_ROOTS (by default a cache outside the clone, so that a fresh clone,
# CI's included, reuses them). A root is made under a temporary name and renamed only once
# everything is installed: a half-made root is never reused. The host's packages are left as
# they were: the root has its own apt, its own Python and its own virtual environment, and the
# project is only bind-mounted into it, at the same path, with ../shared beside it.
set -euo pipefail

QGIS_ROOTS=${QGIS_ROOTS:-/var/cache/bassee-atelier-plugin/qgis-roots}
PROJECT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHARED=$(dirname "$PROJECT")/shared
# Inside the root, the project's virtual environment is the root's own, never the host's .venv.
ROOT_VENV=/opt/atelier-venv
# What the planner subcommand makes absent from the root's Python folders: Pillow, pandas, geopandas,
# shapely and pyogrio (Windows' standalone installer has them, a minimal OSGeo4W install does not),
# segno and odfpy (no QGIS ships them). Each name hides the module of that name and its
# distribution's metadata (name-*.dist-info, name.py, name.cpython-*.so).
PLANNER_ABSENT_LIBRARIES=${PLANNER_ABSENT_LIBRARIES:-PIL pillow pandas geopandas shapely pyogrio segno odf odfpy}

fail() {
	echo "qgis_root: $*" >&2
	exit 1
}

usage() {
	fail "usage: $0 3.40|3.44 [run COMMAND... | python ARGS... | planner COMMAND...]"
}

[ $# -ge 1 ] || usage
VERSION=$1
shift
case "$VERSION" in
3.40) SUITE=bookworm ;;
3.44) SUITE=trixie ;;
*) fail "QGIS $VERSION is not one this script knows; known: 3.40 (bookworm-backports), 3.44 (trixie-backports)" ;;
esac
BACKPORTS=$SUITE-backports
ROOT=$QGIS_ROOTS/qgis-$VERSION
# What the root is made of. Raise ROOT_FORMAT when make_root changes, and each root is made
# again once; what the Makefile adds later (packages, requirements), make installs itself in
# the root, as on a host.
ROOT_FORMAT=1
RECIPE="QGIS $VERSION on Debian $SUITE with $BACKPORTS, format $ROOT_FORMAT"

[ "$(id -u)" = 0 ] || fail "making and entering a Debian root needs root (debootstrap, chroot, mount)"

# The Debian mirror this machine's own apt uses, unless DEBIAN_MIRROR says otherwise.
debian_mirror() {
	if [ -n "${DEBIAN_MIRROR:-}" ]; then
		echo "$DEBIAN_MIRROR"
		return
	fi
	local found
	found=$(grep -hsE '^(URIs:|deb )' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list /etc/apt/sources.list |
		grep -oE 'https?://[^ ]+/debian/?( |$)' | grep -v security | head -n1 | tr -d ' ')
	[ -n "$found" ] || fail "no Debian mirror in this machine's apt sources; set DEBIAN_MIRROR=http://.../debian"
	echo "${found%/}"
}

# Says what is missing before anything is made, rather than leaving a half-made root.
check_archive() {
	local mirror=$1 dist
	for dist in "$SUITE" "$BACKPORTS"; do
		if ! python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=30)' \
			"$mirror/dists/$dist/InRelease" 2>/dev/null; then
			fail "cannot reach Debian's archive for '$dist' at $mirror (no network, or no such mirror): QGIS $VERSION needs Debian $SUITE with $BACKPORTS. Set DEBIAN_MIRROR to a reachable mirror, or run on a machine that reaches one."
		fi
	done
}

# What the host trusts, the root trusts: its resolver and its certificate authorities (pip, apt).
share_host_trust() {
	local root=$1
	cp /etc/resolv.conf "$root/etc/resolv.conf"
	mkdir -p "$root/etc/ssl/certs"
	cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/host-ca-certificates.crt"
	cp /etc/apt/apt.conf.d/99* "$root/etc/apt/apt.conf.d/" 2>/dev/null || true
}

# Runs a command in the root with /proc, /dev and the project mounted, in a private mount
# namespace, so that the mounts go away with the command whatever happens.
in_root() {
	local root=$1
	shift
	unshare --mount --propagation private -- bash -euo pipefail -c '
		root=$1 project=$2 shared=$3
		shift 3
		mount -t proc proc "$root/proc"
		mount --rbind /sys "$root/sys"
		mount --rbind /dev "$root/dev"
		mkdir -p "$root$project" "$root$shared"
		mount --bind "$project" "$root$project"
		[ -d "$shared" ] && mount --bind "$shared" "$root$shared"
		# The planner subcommand: the libraries of $ABSENT_LIBRARIES and the folders of $ABSENT_FOLDERS
		# are not there. An empty folder mounted over a package would still import, as a namespace
		# package; a whiteout in a read-only overlay makes the name not exist at all.
		if [ -n "${ABSENT_LIBRARIES:-}${ABSENT_FOLDERS:-}" ]; then
			mount -t tmpfs tmpfs "$root/mnt"
			layer=0
			for site in "$root"/usr/lib/python3/dist-packages "$root"/usr/local/lib/python3*/dist-packages; do
				[ -d "$site" ] || continue
				layer=$((layer + 1))
				mkdir "$root/mnt/absent-$layer"
				for entry in "$site"/*; do
					name=${entry##*/}
					name=${name,,}
					for library in ${ABSENT_LIBRARIES:-}; do
						library=${library,,}
						if [ "$name" = "$library" ] || [[ $name == "$library"[-.]* ]]; then
							mknod "$root/mnt/absent-$layer/${entry##*/}" c 0 0
						fi
					done
				done
				mount -t overlay overlay -o "lowerdir=$root/mnt/absent-$layer:$site" "$site"
			done
			for folder in ${ABSENT_FOLDERS:-}; do
				if [ -d "$root$folder" ]; then mount -t tmpfs -o ro tmpfs "$root$folder"; fi
			done
		fi
		# the screen, for `make run QGIS=...`: X11 sockets and the authority file
		display=()
		if [ -n "${DISPLAY:-}" ]; then
			[ -d /tmp/.X11-unix ] && mkdir -p "$root/tmp/.X11-unix" && mount --bind /tmp/.X11-unix "$root/tmp/.X11-unix"
			display=(DISPLAY="$DISPLAY")
			if [ -n "${XAUTHORITY:-}" ] && [ -f "$XAUTHORITY" ]; then
				touch "$root/tmp/.atelier-xauthority" && mount --bind "$XAUTHORITY" "$root/tmp/.atelier-xauthority"
				display+=(XAUTHORITY=/tmp/.atelier-xauthority)
			fi
		fi
		exec chroot "$root" /usr/bin/env -i "${display[@]}" \
			HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
			LANG=C.UTF-8 TERM="${TERM:-dumb}" CI="${CI:-}" \
			PIP_CERT=/etc/ssl/certs/host-ca-certificates.crt \
			REQUESTS_CA_BUNDLE=/etc/ssl/certs/host-ca-certificates.crt \
			PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_DEFAULT_TIMEOUT=180 \
			DEBIAN_FRONTEND=noninteractive \
			bash -c "cd \"$project\" && \"\$@\"" bash "$@"
	' bash "$root" "$PROJECT" "$SHARED" "$@"
}

make_root() {
	local mirror partial
	mirror=$(debian_mirror)
	check_archive "$mirror"
	# Under a lock: .ci/run makes both roots at once, and apt refuses a second apt beside it.
	(
		flock 9
		command -v debootstrap >/dev/null || {
			echo "Installing debootstrap (the host's only new package, to make the root)"
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap
		}
	) 9>/var/lock/bassee-atelier-debootstrap.lock
	partial=$ROOT.partial
	rm -rf "$partial" "$ROOT"
	mkdir -p "$QGIS_ROOTS"
	echo "Making the QGIS $VERSION root in $ROOT: Debian $SUITE from $mirror"
	debootstrap --variant=minbase --include=ca-certificates,make,python3,python3-venv,python3-pip \
		"$SUITE" "$partial" "$mirror" || fail "debootstrap of $SUITE failed; see above"
	printf 'deb %s %s main\ndeb %s %s main\n' "$mirror" "$SUITE" "$mirror" "$BACKPORTS" >"$partial/etc/apt/sources.list"
	share_host_trust "$partial"
	# QGIS and what it needs from backports first; then the Makefile installs the rest, as on a host.
	in_root "$partial" apt-get update -qq
	in_root "$partial" apt-get install -y -qq --no-install-recommends -t "$BACKPORTS" \
		qgis python3-qgis qgis-providers
	in_root "$partial" make system-packages test-system-packages deps VENV="$ROOT_VENV"
	echo "$RECIPE" >"$partial/.atelier-root-recipe"
	mv "$partial" "$ROOT"
}

if [ ! -f "$ROOT/.atelier-root-recipe" ] || [ "$(cat "$ROOT/.atelier-root-recipe")" != "$RECIPE" ]; then
	make_root >&2
fi

if [ $# -eq 0 ]; then
	echo "$ROOT"
elif [ "$1" = run ]; then
	shift
	[ $# -ge 1 ] || usage
	share_host_trust "$ROOT"
	in_root "$ROOT" "$@"
elif [ "$1" = planner ]; then
	shift
	[ $# -ge 1 ] || usage
	share_host_trust "$ROOT"
	ABSENT_LIBRARIES=$PLANNER_ABSENT_LIBRARIES ABSENT_FOLDERS=$ROOT_VENV in_root "$ROOT" "$@"
elif [ "$1" = python ]; then
	shift
	share_host_trust "$ROOT"
	in_root "$ROOT" env PYTHONPATH="$PROJECT" QT_QPA_PLATFORM=offscreen "$ROOT_VENV/bin/python" "$@"
else
	usage
fi
