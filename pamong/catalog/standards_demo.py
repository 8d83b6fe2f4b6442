"""Demo Standar Pelayanan (PermenPANRB 15/2014) for common kelurahan and kecamatan services in Kota Padang."""

from __future__ import annotations

# --- Dasar hukum (one regulation per line; ordered by level, then by year) -------------------------------------

_UU_PERKAWINAN = (
    "Undang-Undang Nomor 1 Tahun 1974 tentang Perkawinan sebagaimana telah diubah dengan "
    "Undang-Undang Nomor 16 Tahun 2019"
)
_UU_POLRI = "Undang-Undang Nomor 2 Tahun 2002 tentang Kepolisian Negara Republik Indonesia"
_UU_ADMINDUK = (
    "Undang-Undang Nomor 23 Tahun 2006 tentang Administrasi Kependudukan sebagaimana telah diubah dengan "
    "Undang-Undang Nomor 24 Tahun 2013"
)
_UU_UMKM = "Undang-Undang Nomor 20 Tahun 2008 tentang Usaha Mikro, Kecil, dan Menengah"
_UU_KESSOS = "Undang-Undang Nomor 11 Tahun 2009 tentang Kesejahteraan Sosial"
_UU_PELAYANAN = "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik"
_UU_FAKIR_MISKIN = "Undang-Undang Nomor 13 Tahun 2011 tentang Penanganan Fakir Miskin"
_UU_PEMDA = "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah sebagaimana telah beberapa kali diubah"
_UU_METERAI = "Undang-Undang Nomor 10 Tahun 2020 tentang Bea Meterai"
_UU_PDP = "Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi"
_PP_PENDAFTARAN_TANAH = "Peraturan Pemerintah Nomor 24 Tahun 1997 tentang Pendaftaran Tanah"
_PP_KELURAHAN = "Peraturan Pemerintah Nomor 73 Tahun 2005 tentang Kelurahan"
_PP_PELAYANAN = (
    "Peraturan Pemerintah Nomor 96 Tahun 2012 tentang Pelaksanaan Undang-Undang Nomor 25 Tahun 2009 "
    "tentang Pelayanan Publik"
)
_PP_KECAMATAN = "Peraturan Pemerintah Nomor 17 Tahun 2018 tentang Kecamatan"
_PERPRES_PENGADUAN = "Peraturan Presiden Nomor 76 Tahun 2013 tentang Pengelolaan Pengaduan Pelayanan Publik"
_PERPRES_ADMINDUK = (
    "Peraturan Presiden Nomor 96 Tahun 2018 tentang Persyaratan dan Tata Cara Pendaftaran Penduduk"
    + " dan Pencatatan Sipil"
)
_PMNA_WARIS = (
    "Peraturan Menteri Negara Agraria/Kepala Badan Pertanahan Nasional Nomor 3 Tahun 1997 tentang "
    "Ketentuan Pelaksanaan Peraturan Pemerintah Nomor 24 Tahun 1997 tentang Pendaftaran Tanah "
    "sebagaimana telah beberapa kali diubah"
)
_PERMENDAGRI_PATEN = (
    "Peraturan Menteri Dalam Negeri Nomor 4 Tahun 2010 tentang Pedoman Pelayanan Administrasi Terpadu Kecamatan"
)
_PERMENPANRB_SP = (
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 15 Tahun 2014 "
    "tentang Pedoman Standar Pelayanan"
)
_PERMENAG_NIKAH = "Peraturan Menteri Agama Nomor 20 Tahun 2019 tentang Pencatatan Pernikahan"
_PERWAKO_SP = "Peraturan Wali Kota Padang tentang Standar Pelayanan pada Kecamatan dan Kelurahan (sesuai yang berlaku)"
_PERWAKO_PELIMPAHAN = (
    "Peraturan Wali Kota Padang tentang Pelimpahan Sebagian Kewenangan Wali Kota kepada Camat (sesuai yang berlaku)"
)
_PERDA_TRANTIB = (
    "Peraturan Daerah Kota Padang tentang Ketertiban Umum dan Ketenteraman Masyarakat (sesuai yang berlaku)"
)


def _year_number(item: str) -> tuple[int, int]:
    """Sort key "Nomor N Tahun YYYY" -> (YYYY, N), so each level reads in chronological order."""
    number = int(item.split("Nomor ", 1)[1].split(" ", 1)[0])
    year = int(item.split(" Tahun ", 1)[1][:4])
    return year, number


def _dasar_hukum(
    uu: tuple[str, ...] = (),
    pp: tuple[str, ...] = (),
    perpres: tuple[str, ...] = (),
    permen: tuple[str, ...] = (),
    *,
    kecamatan: bool = False,
    daerah: tuple[str, ...] = (),
) -> str:
    """The regulations common to every service plus the service's own, one per line, highest level first."""
    levels = [
        {_UU_PELAYANAN, _UU_PEMDA, _UU_PDP, *uu},
        {_PP_PELAYANAN, _PP_KECAMATAN, *pp} | (set() if kecamatan else {_PP_KELURAHAN}),
        {_PERPRES_PENGADUAN, *perpres},
        {_PERMENPANRB_SP, *permen} | ({_PERMENDAGRI_PATEN} if kecamatan else set()),
    ]
    lines = [item for level in levels for item in sorted(level, key=_year_number)]
    lines.append(_PERWAKO_SP)
    if kecamatan:
        lines.append(_PERWAKO_PELIMPAHAN)
    lines.extend(daerah)
    return "\n".join(lines)


# --- Components shared by the services of one kind of office -------------------------------------------------

_PENGADUAN_LURAH = (
    "Pengaduan, saran dan masukan dapat disampaikan melalui menu pengaduan pada aplikasi Pamong, kotak saran dan "
    "petugas pengaduan di kantor lurah, telepon/WhatsApp kantor lurah, atau SP4N-LAPOR! (www.lapor.go.id). "
    "Setiap pengaduan dicatat dalam register, ditanggapi paling lama 5 (lima) hari kerja, dan hasil "
    "penyelesaiannya disampaikan kepada pelapor."
)
_PENGADUAN_CAMAT = (
    "Pengaduan, saran dan masukan dapat disampaikan melalui menu pengaduan pada aplikasi Pamong, kotak saran dan "
    "petugas pengaduan di kantor camat, telepon/WhatsApp kantor camat, atau SP4N-LAPOR! (www.lapor.go.id). "
    "Setiap pengaduan dicatat dalam register, ditanggapi paling lama 5 (lima) hari kerja, dan hasil "
    "penyelesaiannya disampaikan kepada pelapor."
)

_SARANA_LURAH = (
    "Loket/meja pelayanan dan ruang tunggu\n"
    "Komputer, printer dan pemindai dokumen yang terhubung ke aplikasi Pamong\n"
    "Jaringan internet\n"
    "Buku register/agenda surat keluar dan stempel dinas\n"
    "Papan informasi standar pelayanan dan maklumat pelayanan\n"
    "Kotak saran dan pengaduan\n"
    "Toilet, tempat parkir dan akses bagi penyandang disabilitas"
)
_SARANA_CAMAT = (
    "Ruang pelayanan terpadu (PATEN) dengan loket dan ruang tunggu\n"
    "Komputer, printer dan pemindai dokumen yang terhubung ke aplikasi Pamong\n"
    "Jaringan internet\n"
    "Buku register/agenda surat keluar dan stempel dinas\n"
    "Papan informasi standar pelayanan dan maklumat pelayanan\n"
    "Kotak saran dan pengaduan\n"
    "Toilet, musala, tempat parkir dan akses bagi penyandang disabilitas"
)

_KOMPETENSI_DASAR = (
    "Pendidikan paling rendah SMA/sederajat\n"
    "Memahami standar pelayanan, persyaratan dan alur layanan\n"
    "Mampu mengoperasikan komputer dan aplikasi Pamong\n"
    "Memahami tata naskah dinas dan pengelolaan arsip\n"
    "Mampu berkomunikasi dengan santun, ramah dan jelas"
)

_PENGAWASAN_LURAH = (
    "Pengawasan melekat oleh Lurah dan Sekretaris Lurah secara berjenjang\n"
    "Pengawasan oleh Camat dan pengawasan fungsional oleh Inspektorat Kota Padang"
)
_PENGAWASAN_CAMAT = (
    "Pengawasan melekat oleh Camat dan Sekretaris Camat secara berjenjang\n"
    "Pengawasan fungsional oleh Inspektorat Kota Padang"
)

_JAMINAN = (
    "Kami menjamin pelayanan diberikan sesuai standar pelayanan ini, tidak dipungut biaya apa pun, dan "
    "diselesaikan dalam jangka waktu yang ditetapkan sejak berkas dinyatakan lengkap. Apabila kami tidak "
    "menepati janji ini, kami siap menerima sanksi sesuai ketentuan peraturan perundang-undangan."
)

_KEAMANAN = (
    "Data pribadi dan dokumen pemohon dijaga kerahasiaannya dan hanya digunakan untuk keperluan pelayanan. "
    "Surat yang diterbitkan dicatat dalam register, ditandatangani pejabat yang berwenang dan dibubuhi cap dinas "
    "sehingga keabsahannya dapat diperiksa kembali."
)

_EVALUASI_LURAH = (
    "Survei Kepuasan Masyarakat (SKM) dilaksanakan paling sedikit 1 (satu) kali dalam setahun. Lurah "
    "mengevaluasi kinerja pelaksana setiap triwulan berdasarkan hasil SKM, capaian jangka waktu dan pengaduan "
    "yang masuk, dan hasilnya digunakan untuk perbaikan pelayanan."
)
_EVALUASI_CAMAT = (
    "Survei Kepuasan Masyarakat (SKM) dilaksanakan paling sedikit 1 (satu) kali dalam setahun. Camat "
    "mengevaluasi kinerja pelaksana setiap triwulan berdasarkan hasil SKM, capaian jangka waktu dan pengaduan "
    "yang masuk, dan hasilnya digunakan untuk perbaikan pelayanan."
)

# --- Letter fragments ---------------------------------------------------------------------------------------------

_PEMBUKA = "Yang bertanda tangan di bawah ini, {jabatan_penandatangan} pada {nama_unit}, dengan ini menerangkan bahwa:"
_IDENTITAS = (
    "Nama : {nama}\n"
    "NIK : {nik}\n"
    "Tempat/tanggal lahir : {tempat_lahir}, {tanggal_lahir}\n"
    "Jenis kelamin : {jenis_kelamin}\n"
    "Agama : {agama}\n"
    "Pekerjaan : {pekerjaan}\n"
    "Alamat : {alamat}"
)
_PENUTUP_KETERANGAN = (
    "Demikian surat keterangan ini dibuat dengan sebenarnya untuk dapat dipergunakan sebagaimana mestinya."
)
_PENUTUP_PENGANTAR = "Demikian surat pengantar ini dibuat untuk dapat dipergunakan sebagaimana mestinya."

# Standard document entries.
_KTP = {
    "name": "Kartu Tanda Penduduk elektronik (KTP-el) pemohon",
    "required": True,
    "note": "Unggah hasil pindaian/foto yang jelas; asli diperlihatkan saat pengambilan surat.",
}
_KK = {
    "name": "Kartu Keluarga (KK) pemohon",
    "required": True,
    "note": "Unggah hasil pindaian/foto yang jelas; asli diperlihatkan saat pengambilan surat.",
}
_PENGANTAR_RT = {
    "name": "Surat pengantar Ketua RT yang diketahui Ketua RW",
    "required": True,
    "note": "Diterbitkan oleh RT/RW tempat tinggal pemohon.",
}
_KTP_SAKSI = {
    "name": "KTP-el 2 (dua) orang saksi",
    "required": True,
    "note": "Saksi telah dewasa, bertempat tinggal di kelurahan yang sama dan mengetahui peristiwanya.",
}


SERVICES: list[dict] = [
    {
        "code": "sk-domisili",
        "name": "Surat Keterangan Domisili",
        "summary": (
            "Menerangkan bahwa Anda benar bertempat tinggal di wilayah kelurahan ini, untuk keperluan seperti "
            "melamar pekerjaan, mendaftar sekolah atau kuliah, atau membuka rekening bank."
        ),
        "level": "desa",
        "deadline_days": 1,
        "fee": 0,
        "archive_code": "470",
        "signer": "kepala",
        "product": "Surat Keterangan Domisili yang ditandatangani Lurah",
        "procedure": (
            "1. Pemohon mengajukan permohonan melalui aplikasi Pamong atau di loket pelayanan kantor lurah dengan "
            "melampirkan persyaratan.\n"
            "2. Petugas front office memeriksa kelengkapan berkas; berkas yang belum lengkap dikembalikan disertai "
            "penjelasan kekurangannya.\n"
            "3. Petugas mencocokkan data pemohon dengan data kependudukan dan surat pengantar RT/RW, lalu mencatat "
            "permohonan dalam register.\n"
            "4. Pengelola data kependudukan menyiapkan konsep Surat Keterangan Domisili.\n"
            "5. Kepala Seksi Pemerintahan dan Ketenteraman memeriksa dan memaraf konsep surat.\n"
            "6. Lurah menandatangani surat; surat diberi nomor, tanggal dan cap dinas, lalu diarsipkan.\n"
            "7. Pemohon menerima pemberitahuan melalui aplikasi Pamong dan mengambil surat di loket dengan "
            "memperlihatkan KTP-el asli."
        ),
        "complaints": _PENGADUAN_LURAH,
        "legal_basis": _dasar_hukum(uu=(_UU_ADMINDUK,), perpres=(_PERPRES_ADMINDUK,)),
        "facilities": _SARANA_LURAH,
        "competence": _KOMPETENSI_DASAR + "\nMemahami administrasi kependudukan dan wilayah RT/RW kelurahan",
        "supervision": _PENGAWASAN_LURAH,
        "staffing": "3 orang (petugas front office, pengelola data kependudukan dan Kepala Seksi Pemerintahan "
        "dan Ketenteraman)",
        "guarantee": _JAMINAN,
        "security": _KEAMANAN,
        "evaluation": _EVALUASI_LURAH,
        "documents": [
            _KTP,
            _KK,
            _PENGANTAR_RT,
            {
                "name": "Bukti tempat tinggal (perjanjian sewa/kontrak, keterangan pemilik kos atau pemilik rumah)",
                "required": False,
                "note": "Bagi pemohon yang KTP-el-nya beralamat di luar kelurahan ini.",
            },
        ],
        "fields": [
            {
                "code": "alamat_domisili",
                "label": "Alamat tempat tinggal sekarang",
                "kind": "address",
                "required": True,
                "help": "Alamat lengkap di kelurahan ini, termasuk RT/RW; boleh sama dengan alamat KTP-el.",
                "choices": [],
            },
            {
                "code": "status_tempat_tinggal",
                "label": "Status tempat tinggal",
                "kind": "choice",
                "required": True,
                "help": "",
                "choices": [
                    "Milik sendiri",
                    "Milik orang tua/keluarga",
                    "Sewa/kontrak",
                    "Kos/asrama",
                    "Menumpang",
                ],
            },
            {
                "code": "lama_tinggal",
                "label": "Lama tinggal di alamat ini",
                "kind": "text",
                "required": True,
                "help": "Mis. 3 tahun atau 8 bulan.",
                "choices": [],
            },
            {
                "code": "keperluan",
                "label": "Keperluan surat",
                "kind": "text",
                "required": True,
                "help": "Tulis singkat, mis. melengkapi persyaratan melamar pekerjaan.",
                "choices": [],
            },
        ],
        "letter_body": (
            _PEMBUKA + "\n\n" + _IDENTITAS + "\n\n"
            "Berdasarkan surat pengantar Ketua RT/RW setempat dan data yang ada pada kami, yang bersangkutan "
            "benar berdomisili di wilayah {nama_wilayah} dengan keterangan sebagai berikut:\n"
            "Alamat tempat tinggal : {alamat_domisili}\n"
            "Status tempat tinggal : {status_tempat_tinggal}\n"
            "Lama tinggal : {lama_tinggal}\n\n"
            "Surat keterangan ini diberikan untuk keperluan {keperluan} dan berlaku selama 6 (enam) bulan sejak "
            "tanggal diterbitkan.\n\n" + _PENUTUP_KETERANGAN
        ),
    },
    {
        "code": "sktm",
        "name": "Surat Keterangan Tidak Mampu (SKTM)",
        "summary": (
            "Menerangkan bahwa Anda dan keluarga tergolong kurang mampu, untuk mengajukan keringanan biaya "
            "pendidikan atau pengobatan, beasiswa, atau bantuan sosial."
        ),
        "level": "desa",
        "deadline_days": 2,
        "fee": 0,
        "archive_code": "460",
        "signer": "kepala",
        "product": "Surat Keterangan Tidak Mampu yang ditandatangani Lurah",
        "procedure": (
            "1. Pemohon mengajukan permohonan melalui aplikasi Pamong atau di loket pelayanan kantor lurah dengan "
            "melampirkan persyaratan.\n"
            "2. Petugas front office memeriksa kelengkapan berkas; berkas yang belum lengkap dikembalikan disertai "
            "penjelasan kekurangannya.\n"
            "3. Petugas mencocokkan data pemohon dengan data kependudukan dan data kesejahteraan sosial yang ada di "
            "kelurahan, lalu mencatat permohonan dalam register.\n"
            "4. Kepala Seksi Kesejahteraan Sosial dan Pelayanan memverifikasi kondisi sosial ekonomi pemohon, "
            "termasuk kunjungan ke rumah pemohon bersama Ketua RT bila diperlukan.\n"
            "5. Pengadministrasi layanan menyiapkan konsep SKTM; Kepala Seksi memeriksa dan memaraf konsep surat.\n"
            "6. Lurah menandatangani surat; surat diberi nomor, tanggal dan cap dinas, lalu diarsipkan.\n"
            "7. Pemohon menerima pemberitahuan melalui aplikasi Pamong dan mengambil surat di loket dengan "
            "memperlihatkan KTP-el asli."
        ),
        "complaints": _PENGADUAN_LURAH,
        "legal_basis": _dasar_hukum(uu=(_UU_ADMINDUK, _UU_KESSOS, _UU_FAKIR_MISKIN, _UU_METERAI)),
        "facilities": _SARANA_LURAH,
        "competence": (
            _KOMPETENSI_DASAR + "\nMemahami kriteria fakir miskin dan orang tidak mampu\n"
            "Mampu melakukan verifikasi lapangan secara objektif"
        ),
        "supervision": _PENGAWASAN_LURAH,
        "staffing": "3 orang (petugas front office, pengadministrasi layanan dan Kepala Seksi Kesejahteraan Sosial "
        "dan Pelayanan)",
        "guarantee": _JAMINAN,
        "security": _KEAMANAN,
        "evaluation": _EVALUASI_LURAH,
        "documents": [
            _KTP,
            _KK,
            {
                "name": "Surat pengantar Ketua RT yang diketahui Ketua RW",
                "required": True,
                "note": "Menerangkan kondisi ekonomi keluarga pemohon.",
            },
            {
                "name": "Surat pernyataan tidak mampu bermeterai Rp10.000",
                "required": True,
                "note": "Ditandatangani pemohon dan diketahui Ketua RT; format tersedia di kantor lurah.",
            },
            {
                "name": "Foto rumah tempat tinggal",
                "required": True,
                "note": "Tampak depan dan bagian dalam rumah.",
            },
            {
                "name": "Kartu atau bukti penerima bantuan sosial (mis. KIS PBI atau PKH)",
                "required": False,
                "note": "Bila ada.",
            },
            {
                "name": "Surat dari sekolah, perguruan tinggi atau fasilitas kesehatan yang meminta SKTM",
                "required": False,
                "note": "Bila ada.",
            },
        ],
        "fields": [
            {
                "code": "jenis_keperluan",
                "label": "Jenis keperluan",
                "kind": "choice",
                "required": True,
                "help": "",
                "choices": [
                    "Pendidikan (beasiswa atau keringanan biaya)",
                    "Kesehatan (keringanan biaya pengobatan)",
                    "Bantuan sosial",
                    "Bantuan hukum",
                    "Lainnya",
                ],
            },
            {
                "code": "rincian_keperluan",
                "label": "Rincian keperluan",
                "kind": "text",
                "required": True,
                "help": "Mis. pengajuan KIP Kuliah atas nama anak pemohon, Rahmat Hidayat.",
                "choices": [],
            },
            {
                "code": "instansi_tujuan",
                "label": "Instansi tujuan surat",
                "kind": "text",
                "required": True,
                "help": "Mis. Universitas Andalas atau RSUP Dr. M. Djamil Padang.",
                "choices": [],
            },
            {
                "code": "penghasilan_keluarga",
                "label": "Penghasilan keluarga rata-rata per bulan (rupiah)",
                "kind": "number",
                "required": True,
                "help": "Jumlah penghasilan seluruh anggota keluarga yang bekerja.",
                "choices": [],
            },
            {
                "code": "jumlah_tanggungan",
                "label": "Jumlah anggota keluarga yang ditanggung (orang)",
                "kind": "number",
                "required": True,
                "help": "",
                "choices": [],
            },
        ],
        "letter_body": (
            _PEMBUKA + "\n\n" + _IDENTITAS + "\n\n"
            "Berdasarkan surat pengantar Ketua RT/RW, surat pernyataan yang bersangkutan dan hasil verifikasi "
            "petugas, yang bersangkutan adalah penduduk wilayah {nama_wilayah} yang tergolong keluarga tidak "
            "mampu dengan keterangan sebagai berikut:\n"
            "Penghasilan keluarga rata-rata : Rp{penghasilan_keluarga} per bulan\n"
            "Jumlah tanggungan : {jumlah_tanggungan} orang\n"
            "Jenis keperluan : {jenis_keperluan}\n\n"
            "Surat keterangan ini diberikan untuk keperluan {rincian_keperluan} dan ditujukan kepada "
            "{instansi_tujuan}. Surat ini berlaku selama 3 (tiga) bulan sejak tanggal diterbitkan dan tidak dapat "
            "dipergunakan untuk keperluan lain.\n\n" + _PENUTUP_KETERANGAN
        ),
    },
    {
        "code": "pengantar-ktp-el",
        "name": "Surat Pengantar KTP-el",
        "summary": (
            "Pengantar dari kelurahan untuk mengurus penerbitan KTP-el baru, penggantian KTP-el yang hilang atau "
            "rusak, atau perubahan data di Dinas Kependudukan dan Pencatatan Sipil Kota Padang."
        ),
        "level": "desa",
        "deadline_days": 1,
        "fee": 0,
        "archive_code": "471",
        "signer": "sekretaris",
        "product": "Surat Pengantar KTP-el yang ditandatangani Sekretaris Lurah atas nama Lurah",
        "procedure": (
            "1. Pemohon mengajukan permohonan melalui aplikasi Pamong atau di loket pelayanan kantor lurah dengan "
            "melampirkan persyaratan.\n"
            "2. Petugas front office memeriksa kelengkapan berkas dan kesesuaian data dengan Kartu Keluarga; "
            "berkas yang belum lengkap dikembalikan disertai penjelasan kekurangannya.\n"
            "3. Pengelola data kependudukan mencatat permohonan dalam register dan menyiapkan konsep surat "
            "pengantar.\n"
            "4. Kepala Seksi Pemerintahan dan Ketenteraman memeriksa dan memaraf konsep surat.\n"
            "5. Sekretaris Lurah menandatangani surat atas nama Lurah; surat diberi nomor, tanggal dan cap dinas, "
            "lalu diarsipkan.\n"
            "6. Pemohon mengambil surat di loket dengan memperlihatkan dokumen asli, lalu melanjutkan perekaman "
            "atau pencetakan KTP-el di Dinas Kependudukan dan Pencatatan Sipil Kota Padang atau tempat pelayanan "
            "yang ditunjuk."
        ),
        "complaints": _PENGADUAN_LURAH,
        "legal_basis": _dasar_hukum(uu=(_UU_ADMINDUK,), perpres=(_PERPRES_ADMINDUK,)),
        "facilities": _SARANA_LURAH,
        "competence": _KOMPETENSI_DASAR + "\nMemahami persyaratan dan alur penerbitan KTP-el",
        "supervision": _PENGAWASAN_LURAH,
        "staffing": "2 orang (petugas front office dan pengelola data kependudukan)",
        "guarantee": _JAMINAN,
        "security": _KEAMANAN,
        "evaluation": _EVALUASI_LURAH,
        "documents": [
            _KK,
            _PENGANTAR_RT,
            {
                "name": "KTP-el lama",
                "required": False,
                "note": "Untuk penggantian karena rusak atau perubahan data; KTP-el lama diserahkan saat penggantian.",
            },
            {
                "name": "Surat Keterangan Tanda Lapor Kehilangan dari kepolisian",
                "required": False,
                "note": "Untuk penggantian karena hilang.",
            },
            {
                "name": "Dokumen pendukung perubahan data (mis. buku nikah, akta perceraian atau ijazah)",
                "required": False,
                "note": "Untuk perubahan data.",
            },
        ],
        "fields": [
            {
                "code": "nomor_kk",
                "label": "Nomor Kartu Keluarga",
                "kind": "text",
                "required": True,
                "help": "16 digit, sesuai Kartu Keluarga.",
                "choices": [],
            },
            {
                "code": "jenis_permohonan",
                "label": "Jenis permohonan",
                "kind": "choice",
                "required": True,
                "help": "",
                "choices": [
                    "Penerbitan baru (telah berusia 17 tahun atau sudah/pernah kawin)",
                    "Penggantian karena hilang",
                    "Penggantian karena rusak",
                    "Perubahan data",
                    "Penerbitan karena pindah datang",
                ],
            },
        ],
        "letter_body": (
            _PEMBUKA + "\n\n" + _IDENTITAS + "\n\n"
            "adalah benar penduduk wilayah {nama_wilayah} yang terdaftar dalam Kartu Keluarga Nomor {nomor_kk} "
            "dan mengajukan permohonan Kartu Tanda Penduduk elektronik (KTP-el) dengan jenis permohonan: "
            "{jenis_permohonan}.\n\n"
            "Sehubungan dengan itu, mohon kiranya yang bersangkutan dapat diberikan pelayanan sesuai ketentuan "
            "peraturan perundang-undangan.\n\n" + _PENUTUP_PENGANTAR
        ),
    },
    {
        "code": "pengantar-kk",
        "name": "Surat Pengantar Kartu Keluarga",
        "summary": (
            "Pengantar dari kelurahan untuk membuat Kartu Keluarga baru atau memperbarui Kartu Keluarga karena "
            "kelahiran, kematian, perkawinan, pindah, perubahan data, atau kartu yang hilang/rusak."
        ),
        "level": "desa",
        "deadline_days": 1,
        "fee": 0,
        "archive_code": "471",
        "signer": "sekretaris",
        "product": "Surat Pengantar Kartu Keluarga yang ditandatangani Sekretaris Lurah atas nama Lurah",
        "procedure": (
            "1. Pemohon (kepala keluarga atau anggota keluarga yang diberi kuasa) mengajukan permohonan melalui "
            "aplikasi Pamong atau di loket pelayanan kantor lurah dengan melampirkan persyaratan.\n"
            "2. Petugas front office memeriksa kelengkapan berkas sesuai jenis permohonan; berkas yang belum "
            "lengkap dikembalikan disertai penjelasan kekurangannya.\n"
            "3. Pengelola data kependudukan memeriksa kesesuaian data anggota keluarga, mencatat permohonan dalam "
            "register dan menyiapkan konsep surat pengantar.\n"
            "4. Kepala Seksi Pemerintahan dan Ketenteraman memeriksa dan memaraf konsep surat.\n"
            "5. Sekretaris Lurah menandatangani surat atas nama Lurah; surat diberi nomor, tanggal dan cap dinas, "
            "lalu diarsipkan.\n"
            "6. Pemohon mengambil surat di loket dengan memperlihatkan dokumen asli, lalu mengajukan penerbitan "
            "Kartu Keluarga ke Dinas Kependudukan dan Pencatatan Sipil Kota Padang."
        ),
        "complaints": _PENGADUAN_LURAH,
        "legal_basis": _dasar_hukum(uu=(_UU_ADMINDUK,), perpres=(_PERPRES_ADMINDUK,)),
        "facilities": _SARANA_LURAH,
        "competence": _KOMPETENSI_DASAR + "\nMemahami persyaratan pendaftaran peristiwa kependudukan",
        "supervision": _PENGAWASAN_LURAH,
        "staffing": "2 orang (petugas front office dan pengelola data kependudukan)",
        "guarantee": _JAMINAN,
        "security": _KEAMANAN,
        "evaluation": _EVALUASI_LURAH,
        "documents": [
            _KTP,
            {
                "name": "Kartu Keluarga (KK) lama",
                "required": False,
                "note": "Wajib untuk perubahan data, penambahan atau pengurangan anggota keluarga.",
            },
            _PENGANTAR_RT,
            {
                "name": "Buku nikah/kutipan akta perkawinan atau akta perceraian",
                "required": False,
                "note": "Untuk KK baru karena perkawinan atau perubahan status perkawinan.",
            },
            {
                "name": "Kutipan akta kelahiran atau surat keterangan kelahiran anggota keluarga baru",
                "required": False,
                "note": "Untuk penambahan anggota keluarga karena kelahiran.",
            },
            {
                "name": "Akta kematian anggota keluarga",
                "required": False,
                "note": "Untuk pengurangan anggota keluarga karena kematian.",
            },
            {
                "name": "Surat Keterangan Pindah dari daerah asal",
                "required": False,
                "note": "Untuk penambahan anggota keluarga karena pindah datang.",
            },
        ],
        "fields": [
            {
                "code": "jenis_permohonan",
                "label": "Jenis permohonan",
                "kind": "choice",
                "required": True,
                "help": "",
                "choices": [
                    "Pembuatan KK baru (membentuk keluarga baru)",
                    "Penambahan anggota keluarga karena kelahiran",
                    "Penambahan anggota keluarga karena pindah datang/menumpang",
                    "Pengurangan anggota keluarga karena kematian atau pindah",
                    "Perubahan data anggota keluarga",
                    "Penggantian karena hilang atau rusak",
                ],
            },
            {
                "code": "nomor_kk",
                "label": "Nomor Kartu Keluarga lama",
                "kind": "text",
                "required": True,
                "help": "16 digit; tulis tanda - bila membuat KK baru tanpa KK lama.",
                "choices": [],
            },
            {
                "code": "rincian_perubahan",
                "label": "Rincian anggota keluarga atau data yang berubah",
                "kind": "textarea",
                "required": True,
                "help": "Tulis nama, NIK dan perubahannya, satu orang per baris. Mis. Aisyah Putri, lahir 3 Mei 2024.",
                "choices": [],
            },
        ],
        "letter_body": (
            _PEMBUKA + "\n\n" + _IDENTITAS + "\n\n"
            "adalah benar penduduk wilayah {nama_wilayah} yang mengajukan permohonan Kartu Keluarga dengan "
            "keterangan sebagai berikut:\n"
            "Jenis permohonan : {jenis_permohonan}\n"
            "Nomor KK lama : {nomor_kk}\n"
            "Rincian : {rincian_perubahan}\n\n"
            "Sehubungan dengan itu, mohon kiranya yang bersangkutan dapat diberikan pelayanan penerbitan Kartu "
            "Keluarga sesuai ketentuan peraturan perundang-undangan.\n\n" + _PENUTUP_PENGANTAR
        ),
    },
    {
        "code": "pengantar-pindah",
        "name": "Surat Pengantar Pindah Penduduk",
        "summary": (
            "Pengantar dari kelurahan bagi penduduk yang akan pindah tempat tinggal ke luar kelurahan, untuk "
            "mengurus Surat Keterangan Pindah di Dinas Kependudukan dan Pencatatan Sipil Kota Padang."
        ),
        "level": "desa",
        "deadline_days": 1,
        "fee": 0,
        "archive_code": "475",
        "signer": "kepala",
        "product": "Surat Pengantar Pindah yang ditandatangani Lurah",
        "procedure": (
            "1. Pemohon mengajukan permohonan melalui aplikasi Pamong atau di loket pelayanan kantor lurah dengan "
            "melampirkan persyaratan dan data anggota keluarga yang ikut pindah.\n"
            "2. Petugas front office memeriksa kelengkapan berkas; berkas yang belum lengkap dikembalikan disertai "
            "penjelasan kekurangannya.\n"
            "3. Pengelola data kependudukan mencocokkan data dengan Kartu Keluarga, mencatat permohonan dalam "
            "register dan membantu pengisian formulir perpindahan penduduk.\n"
            "4. Pengelola data kependudukan menyiapkan konsep surat pengantar; Kepala Seksi Pemerintahan dan "
            "Ketenteraman memeriksa dan memaraf konsep surat.\n"
            "5. Lurah menandatangani surat; surat diberi nomor, tanggal dan cap dinas, lalu diarsipkan.\n"
            "6. Pemohon mengambil surat di loket dengan memperlihatkan KK dan KTP-el asli, lalu mengajukan "
            "Surat Keterangan Pindah ke Dinas Kependudukan dan Pencatatan Sipil Kota Padang."
        ),
        "complaints": _PENGADUAN_LURAH,
        "legal_basis": _dasar_hukum(uu=(_UU_ADMINDUK,), perpres=(_PERPRES_ADMINDUK,)),
        "facilities": _SARANA_LURAH,
        "competence": _KOMPETENSI_DASAR + "\nMemahami klasifikasi dan alur perpindahan penduduk",
        "supervision": _PENGAWASAN_LURAH,
        "staffing": "3 orang (petugas front office, pengelola data kependudukan dan Kepala Seksi Pemerintahan "
        "dan Ketenteraman)",
        "guarantee": _JAMINAN,
        "security": _KEAMANAN,
        "evaluation": _EVALUASI_LURAH,
        "documents": [
            _KTP,
            _KK,
            _PENGANTAR_RT,
            {
                "name": "Formulir pendaftaran perpindahan penduduk yang telah diisi",
                "required": False,
                "note": "Dapat diisi dengan bantuan petugas di kantor lurah.",
            },
        ],
        "fields": [
            {
                "code": "nomor_kk",
                "label": "Nomor Kartu Keluarga",
                "kind": "text",
                "required": True,
                "help": "16 digit, sesuai Kartu Keluarga.",
                "choices": [],
            },
            {
                "code": "alamat_tujuan",
                "label": "Alamat tujuan pindah",
                "kind": "address",
                "required": True,
                "help": "Alamat lengkap sampai kelurahan/desa, kecamatan, kabupaten/kota dan provinsi.",
                "choices": [],
            },
            {
                "code": "klasifikasi_pindah",
                "label": "Klasifikasi pindah",
                "kind": "choice",
                "required": True,
                "help": "",
                "choices": [
                    "Antarkelurahan dalam satu kecamatan",
                    "Antarkecamatan dalam Kota Padang",
                    "Antarkabupaten/kota dalam Provinsi Sumatera Barat",
                    "Antarprovinsi",
                ],
            },
            {
                "code": "alasan_pindah",
                "label": "Alasan pindah",
                "kind": "choice",
                "required": True,
                "help": "",
                "choices": ["Pekerjaan", "Pendidikan", "Keamanan", "Kesehatan", "Perumahan", "Keluarga", "Lainnya"],
            },
            {
                "code": "rencana_tanggal_pindah",
                "label": "Rencana tanggal pindah",
                "kind": "date",
                "required": True,
                "help": "",
                "choices": [],
            },
            {
                "code": "anggota_pindah",
                "label": "Anggota keluarga yang ikut pindah",
                "kind": "textarea",
                "required": True,
                "help": "Nama dan NIK, satu orang per baris, termasuk pemohon.",
                "choices": [],
            },
        ],
        "letter_body": (
            _PEMBUKA + "\n\n" + _IDENTITAS + "\n\n"
            "adalah benar penduduk wilayah {nama_wilayah} yang terdaftar dalam Kartu Keluarga Nomor {nomor_kk} "
            "dan bermaksud pindah tempat tinggal dengan keterangan sebagai berikut:\n"
            "Alamat tujuan : {alamat_tujuan}\n"
            "Klasifikasi pindah : {klasifikasi_pindah}\n"
            "Alasan pindah : {alasan_pindah}\n"
            "Rencana tanggal pindah : {rencana_tanggal_pindah}\n"
            "Anggota keluarga yang pindah :\n{anggota_pindah}\n\n"
            "Sehubungan dengan itu, mohon kiranya yang bersangkutan dapat diberikan pelayanan penerbitan Surat "
            "Keterangan Pindah sesuai ketentuan peraturan perundang-undangan.\n\n" + _PENUTUP_PENGANTAR
        ),
    },
    {
        "code": "sk-kelahiran",
        "name": "Surat Keterangan Kelahiran",
        "summary": (
            "Keterangan kelahiran dari kelurahan untuk mengurus akta kelahiran, terutama bagi kelahiran yang tidak "
            "memiliki surat keterangan lahir dari rumah sakit, puskesmas, dokter atau bidan."
        ),
        "level": "desa",
        "deadline_days": 1,
        "fee": 0,
        "archive_code": "474.1",
        "signer": "kepala",
        "product": "Surat Keterangan Kelahiran yang ditandatangani Lurah",
        "procedure": (
            "1. Pelapor (orang tua atau keluarga) mengajukan permohonan melalui aplikasi Pamong atau di loket "
            "pelayanan kantor lurah dengan melampirkan persyaratan.\n"
            "2. Petugas front office memeriksa kelengkapan berkas; berkas yang belum lengkap dikembalikan disertai "
            "penjelasan kekurangannya.\n"
            "3. Pengelola data kependudukan mencocokkan data orang tua dengan Kartu Keluarga dan keterangan saksi, "
            "lalu mencatat kelahiran dalam register.\n"
            "4. Pengelola data kependudukan menyiapkan konsep surat; Kepala Seksi Pemerintahan dan Ketenteraman "
            "memeriksa dan memaraf konsep surat.\n"
            "5. Lurah menandatangani surat; surat diberi nomor, tanggal dan cap dinas, lalu diarsipkan.\n"
            "6. Pelapor mengambil surat di loket dengan memperlihatkan dokumen asli, lalu mengajukan akta "
            "kelahiran ke Dinas Kependudukan dan Pencatatan Sipil Kota Padang."
        ),
        "complaints": _PENGADUAN_LURAH,
        "legal_basis": _dasar_hukum(uu=(_UU_ADMINDUK,), perpres=(_PERPRES_ADMINDUK,)),
        "facilities": _SARANA_LURAH,
        "competence": _KOMPETENSI_DASAR + "\nMemahami persyaratan pencatatan kelahiran",
        "supervision": _PENGAWASAN_LURAH,
        "staffing": "3 orang (petugas front office, pengelola data kependudukan dan Kepala Seksi Pemerintahan "
        "dan Ketenteraman)",
        "guarantee": _JAMINAN,
        "security": _KEAMANAN,
        "evaluation": _EVALUASI_LURAH,
        "documents": [
            {
                "name": "KTP-el pelapor",
                "required": True,
                "note": "Unggah hasil pindaian/foto yang jelas; asli diperlihatkan saat pengambilan surat.",
            },
            {
                "name": "Kartu Keluarga (KK) orang tua",
                "required": True,
                "note": "KK tempat anak akan didaftarkan.",
            },
            _PENGANTAR_RT,
            {
                "name": "Buku nikah/kutipan akta perkawinan orang tua",
                "required": False,
                "note": "Bila tidak ada, dapat diganti dengan surat pernyataan tanggung jawab mutlak (SPTJM) "
                "kebenaran sebagai pasangan suami istri sesuai ketentuan.",
            },
            _KTP_SAKSI,
            {
                "name": "Surat keterangan lahir dari dokter, bidan atau fasilitas kesehatan",
                "required": False,
                "note": "Bila ada.",
            },
        ],
        "fields": [
            {
                "code": "nama_anak",
                "label": "Nama anak",
                "kind": "text",
                "required": True,
                "help": "",
                "choices": [],
            },
            {
                "code": "jenis_kelamin_anak",
                "label": "Jenis kelamin anak",
                "kind": "choice",
                "required": True,
                "help": "",
                "choices": ["Laki-laki", "Perempuan"],
            },
            {
                "code": "tempat_kelahiran",
                "label": "Tempat kelahiran",
                "kind": "text",
                "required": True,
                "help": "Mis. di rumah, Jl. Sawahan No. 10, Padang.",
                "choices": [],
            },
            {
                "code": "tanggal_kelahiran",
                "label": "Tanggal kelahiran",
                "kind": "date",
                "required": True,
                "help": "",
                "choices": [],
            },
            {
                "code": "pukul_kelahiran",
                "label": "Pukul kelahiran",
                "kind": "text",
                "required": True,
                "help": "Mis. 14.30 WIB.",
                "choices": [],
            },
            {
                "code": "anak_ke",
                "label": "Anak ke-",
                "kind": "number",
                "required": True,
                "help": "",
                "choices": [],
            },
            {
                "code": "penolong_kelahiran",
                "label": "Penolong kelahiran",
                "kind": "choice",
                "required": True,
                "help": "",
                "choices": ["Dokter", "Bidan/perawat", "Dukun beranak", "Lainnya"],
            },
            {
                "code": "nama_ibu",
                "label": "Nama ibu",
                "kind": "text",
                "required": True,
                "help": "",
                "choices": [],
            },
            {
                "code": "nik_ibu",
                "label": "NIK ibu",
                "kind": "nik",
                "required": True,
                "help": "",
                "choices": [],
            },
            {
                "code": "nama_ayah",
                "label": "Nama ayah",
                "kind": "text",
                "required": True,
                "help": "",
                "choices": [],
            },
            {
                "code": "nik_ayah",
                "label": "NIK ayah",
                "kind": "nik",
                "required": True,
                "help": "",
                "choices": [],
            },
        ],
        "letter_body": (
            "Yang bertanda tangan di bawah ini, {jabatan_penandatangan} pada {nama_unit}, dengan ini menerangkan "
            "bahwa di wilayah {nama_wilayah} telah lahir seorang anak:\n"
            "Nama : {nama_anak}\n"
            "Jenis kelamin : {jenis_kelamin_anak}\n"
            "Tempat kelahiran : {tempat_kelahiran}\n"
            "Tanggal kelahiran : {tanggal_kelahiran}\n"
            "Pukul : {pukul_kelahiran}\n"
            "Anak ke- : {anak_ke}\n"
            "Penolong kelahiran : {penolong_kelahiran}\n\n"
            "dari seorang ibu bernama {nama_ibu}, NIK {nik_ibu}, dan ayah bernama {nama_ayah}, NIK {nik_ayah}.\n\n"
            "Keterangan ini dibuat berdasarkan laporan {nama}, NIK {nik}, alamat {alamat}, dan keterangan "
            "2 (dua) orang saksi, untuk dipergunakan sebagai kelengkapan pengurusan akta kelahiran.\n\n"
            + _PENUTUP_KETERANGAN
        ),
    },
    {
        "code": "sk-kematian",
        "name": "Surat Keterangan Kematian",
        "summary": (
            "Keterangan dari kelurahan tentang meninggalnya seorang penduduk, untuk mengurus akta kematian, "
            "santunan, pensiun, atau keperluan ahli waris."
        ),
        "level": "desa",
        "deadline_days": 1,
        "fee": 0,
        "archive_code": "474.3",
        "signer": "kepala",
        "product": "Surat Keterangan Kematian yang ditandatangani Lurah",
        "procedure": (
            "1. Pelapor (keluarga almarhum/almarhumah) mengajukan permohonan melalui aplikasi Pamong atau di loket "
            "pelayanan kantor lurah dengan melampirkan persyaratan.\n"
            "2. Petugas front office memeriksa kelengkapan berkas; berkas yang belum lengkap dikembalikan disertai "
            "penjelasan kekurangannya.\n"
            "3. Pengelola data kependudukan mencocokkan data almarhum/almarhumah dengan Kartu Keluarga dan "
            "keterangan saksi, lalu mencatat kematian dalam register.\n"
            "4. Pengelola data kependudukan menyiapkan konsep surat; Kepala Seksi Pemerintahan dan Ketenteraman "
            "memeriksa dan memaraf konsep surat.\n"
            "5. Lurah menandatangani surat; surat diberi nomor, tanggal dan cap dinas, lalu diarsipkan.\n"
            "6. Pelapor mengambil surat di loket dengan memperlihatkan dokumen asli, lalu mengajukan akta kematian "
            "ke Dinas Kependudukan dan Pencatatan Sipil Kota Padang."
        ),
        "complaints": _PENGADUAN_LURAH,
        "legal_basis": _dasar_hukum(uu=(_UU_ADMINDUK,), perpres=(_PERPRES_ADMINDUK,)),
        "facilities": _SARANA_LURAH,
        "competence": _KOMPETENSI_DASAR + "\nMemahami persyaratan pencatatan kematian\nMelayani keluarga yang "
        "berduka dengan empati",
        "supervision": _PENGAWASAN_LURAH,
        "staffing": "3 orang (petugas front office, pengelola data kependudukan dan Kepala Seksi Pemerintahan "
        "dan Ketenteraman)",
        "guarantee": _JAMINAN,
        "security": _KEAMANAN,
        "evaluation": _EVALUASI_LURAH,
        "documents": [
            {
                "name": "KTP-el pelapor",
                "required": True,
                "note": "Unggah hasil pindaian/foto yang jelas; asli diperlihatkan saat pengambilan surat.",
            },
            {
                "name": "Kartu Keluarga (KK) almarhum/almarhumah",
                "required": True,
                "note": "",
            },
            {
                "name": "KTP-el almarhum/almarhumah",
                "required": False,
                "note": "Bila masih ada.",
            },
            _PENGANTAR_RT,
            _KTP_SAKSI,
            {
                "name": "Surat keterangan kematian dari rumah sakit, puskesmas atau dokter",
                "required": False,
                "note": "Bila meninggal di fasilitas kesehatan atau ditangani dokter.",
            },
        ],
        "fields": [
            {
                "code": "nama_almarhum",
                "label": "Nama almarhum/almarhumah",
                "kind": "text",
                "required": True,
                "help": "",
                "choices": [],
            },
            {
                "code": "nik_almarhum",
                "label": "NIK almarhum/almarhumah",
                "kind": "nik",
                "required": True,
                "help": "",
                "choices": [],
            },
            {
                "code": "jenis_kelamin_almarhum",
                "label": "Jenis kelamin almarhum/almarhumah",
                "kind": "choice",
                "required": True,
                "help": "",
                "choices": ["Laki-laki", "Perempuan"],
            },
            {
                "code": "umur_almarhum",
                "label": "Umur (tahun)",
                "kind": "number",
                "required": True,
                "help": "",
                "choices": [],
            },
            {
                "code": "tanggal_meninggal",
                "label": "Tanggal meninggal",
                "kind": "date",
                "required": True,
                "help": "",
                "choices": [],
            },
            {
                "code": "pukul_meninggal",
                "label": "Pukul meninggal",
                "kind": "text",
                "required": True,
                "help": "Mis. 05.15 WIB.",
                "choices": [],
            },
            {
                "code": "tempat_meninggal",
                "label": "Tempat meninggal",
                "kind": "text",
                "required": True,
                "help": "Mis. di rumah duka atau RSUP Dr. M. Djamil Padang.",
                "choices": [],
            },
            {
                "code": "sebab_kematian",
                "label": "Sebab kematian",
                "kind": "choice",
                "required": True,
                "help": "",
                "choices": [
                    "Sakit biasa/tua",
                    "Wabah penyakit",
                    "Kecelakaan",
                    "Kriminalitas",
                    "Bunuh diri",
                    "Lainnya",
                ],
            },
            {
                "code": "tempat_pemakaman",
                "label": "Tempat pemakaman",
                "kind": "text",
                "required": True,
                "help": "Mis. TPU Tunggul Hitam atau pandam pekuburan kaum.",
                "choices": [],
            },
            {
                "code": "hubungan_pelapor",
                "label": "Hubungan pelapor dengan almarhum/almarhumah",
                "kind": "choice",
                "required": True,
                "help": "",
                "choices": ["Suami/istri", "Anak", "Orang tua", "Saudara", "Kerabat lain"],
            },
        ],
        "letter_body": (
            "Yang bertanda tangan di bawah ini, {jabatan_penandatangan} pada {nama_unit}, dengan ini menerangkan "
            "bahwa telah meninggal dunia seorang penduduk wilayah {nama_wilayah}:\n"
            "Nama : {nama_almarhum}\n"
            "NIK : {nik_almarhum}\n"
            "Jenis kelamin : {jenis_kelamin_almarhum}\n"
            "Umur : {umur_almarhum} tahun\n\n"
            "yang meninggal dunia pada:\n"
            "Tanggal : {tanggal_meninggal}\n"
            "Pukul : {pukul_meninggal}\n"
            "Tempat : {tempat_meninggal}\n"
            "Sebab kematian : {sebab_kematian}\n"
            "Tempat pemakaman : {tempat_pemakaman}\n\n"
            "Keterangan ini dibuat berdasarkan laporan {nama}, NIK {nik}, alamat {alamat}, selaku keluarga "
            "(hubungan: {hubungan_pelapor}), dan keterangan 2 (dua) orang saksi, untuk dipergunakan sebagai "
            "kelengkapan pengurusan akta kematian dan keperluan lain yang sah.\n\n" + _PENUTUP_KETERANGAN
        ),
    },
    {
        "code": "sk-belum-menikah",
        "name": "Surat Keterangan Belum Menikah",
        "summary": (
            "Menerangkan bahwa Anda belum pernah menikah, untuk keperluan seperti melamar pekerjaan, mendaftar "
            "pendidikan kedinasan, atau melengkapi persyaratan lain yang memintanya."
        ),
        "level": "desa",
        "deadline_days": 1,
        "fee": 0,
        "archive_code": "474.2",
        "signer": "kepala",
        "product": "Surat Keterangan Belum Menikah yang ditandatangani Lurah",
        "procedure": (
            "1. Pemohon mengajukan permohonan melalui aplikasi Pamong atau di loket pelayanan kantor lurah dengan "
            "melampirkan persyaratan.\n"
            "2. Petugas front office memeriksa kelengkapan berkas; berkas yang belum lengkap dikembalikan disertai "
            "penjelasan kekurangannya.\n"
            "3. Pengelola data kependudukan mencocokkan status perkawinan pemohon dengan data kependudukan, lalu "
            "mencatat permohonan dalam register.\n"
            "4. Pengelola data kependudukan menyiapkan konsep surat; Kepala Seksi Pemerintahan dan Ketenteraman "
            "memeriksa dan memaraf konsep surat.\n"
            "5. Lurah menandatangani surat; surat diberi nomor, tanggal dan cap dinas, lalu diarsipkan.\n"
            "6. Pemohon menerima pemberitahuan melalui aplikasi Pamong dan mengambil surat di loket dengan "
            "memperlihatkan KTP-el asli."
        ),
        "complaints": _PENGADUAN_LURAH,
        "legal_basis": _dasar_hukum(uu=(_UU_PERKAWINAN, _UU_ADMINDUK, _UU_METERAI), perpres=(_PERPRES_ADMINDUK,)),
        "facilities": _SARANA_LURAH,
        "competence": _KOMPETENSI_DASAR + "\nMemahami data status perkawinan dalam administrasi kependudukan",
        "supervision": _PENGAWASAN_LURAH,
        "staffing": "2 orang (petugas front office dan pengelola data kependudukan)",
        "guarantee": _JAMINAN,
        "security": _KEAMANAN,
        "evaluation": _EVALUASI_LURAH,
        "documents": [
            _KTP,
            _KK,
            _PENGANTAR_RT,
            {
                "name": "Surat pernyataan belum pernah menikah bermeterai Rp10.000",
                "required": True,
                "note": "Ditandatangani pemohon dan 2 (dua) orang saksi, diketahui Ketua RT/RW.",
            },
            _KTP_SAKSI,
        ],
        "fields": [
            {
                "code": "nama_saksi_1",
                "label": "Nama saksi pertama",
                "kind": "text",
                "required": True,
                "help": "Sesuai KTP-el saksi.",
                "choices": [],
            },
            {
                "code": "nama_saksi_2",
                "label": "Nama saksi kedua",
                "kind": "text",
                "required": True,
                "help": "Sesuai KTP-el saksi.",
                "choices": [],
            },
            {
                "code": "keperluan",
                "label": "Keperluan surat",
                "kind": "text",
                "required": True,
                "help": "Tulis singkat, mis. melengkapi persyaratan pendaftaran pendidikan kedinasan.",
                "choices": [],
            },
        ],
        "letter_body": (
            _PEMBUKA + "\n\n" + _IDENTITAS + "\n\n"
            "adalah benar penduduk wilayah {nama_wilayah}. Berdasarkan data kependudukan yang ada pada kami dan "
            "surat pernyataan yang bersangkutan yang disaksikan oleh {nama_saksi_1} dan {nama_saksi_2}, sampai "
            "dengan tanggal surat ini diterbitkan yang bersangkutan berstatus belum pernah menikah.\n\n"
            "Surat keterangan ini diberikan untuk keperluan {keperluan}. Apabila di kemudian hari keterangan "
            "tersebut ternyata tidak benar, segala akibat hukumnya menjadi tanggung jawab yang bersangkutan.\n\n"
            + _PENUTUP_KETERANGAN
        ),
    },
    {
        "code": "pengantar-nikah",
        "name": "Surat Pengantar Nikah",
        "summary": (
            "Pengantar dari kelurahan bagi calon pengantin untuk mendaftarkan kehendak nikah di KUA kecamatan "
            "atau mencatatkan perkawinan di Dinas Kependudukan dan Pencatatan Sipil bagi yang beragama selain Islam."
        ),
        "level": "desa",
        "deadline_days": 2,
        "fee": 0,
        "archive_code": "474.2",
        "signer": "kepala",
        "product": (
            "Surat Pengantar Nikah beserta formulir model N yang disyaratkan Kementerian Agama, ditandatangani Lurah"
        ),
        "procedure": (
            "1. Calon pengantin mengajukan permohonan melalui aplikasi Pamong atau di loket pelayanan kantor lurah "
            "dengan melampirkan persyaratan.\n"
            "2. Petugas front office memeriksa kelengkapan berkas sesuai status perkawinan calon pengantin; berkas "
            "yang belum lengkap dikembalikan disertai penjelasan kekurangannya.\n"
            "3. Petugas mencocokkan data calon pengantin dan orang tua dengan data kependudukan, lalu mencatat "
            "permohonan dalam register.\n"
            "4. Pengadministrasi layanan menyiapkan surat pengantar dan formulir model N yang diperlukan.\n"
            "5. Kepala Seksi Kesejahteraan Sosial dan Pelayanan memeriksa dan memaraf konsep surat.\n"
            "6. Lurah menandatangani surat; surat diberi nomor, tanggal dan cap dinas, lalu diarsipkan.\n"
            "7. Calon pengantin mengambil surat di loket dengan memperlihatkan dokumen asli, lalu mendaftarkan "
            "kehendak nikah ke KUA kecamatan paling lambat 10 (sepuluh) hari kerja sebelum pernikahan, atau "
            "mencatatkan perkawinan ke Dinas Kependudukan dan Pencatatan Sipil Kota Padang."
        ),
        "complaints": _PENGADUAN_LURAH,
        "legal_basis": _dasar_hukum(
            uu=(_UU_PERKAWINAN, _UU_ADMINDUK, _UU_METERAI),
            perpres=(_PERPRES_ADMINDUK,),
            permen=(_PERMENAG_NIKAH,),
        ),
        "facilities": _SARANA_LURAH,
        "competence": _KOMPETENSI_DASAR + "\nMemahami persyaratan pendaftaran nikah dan pencatatan perkawinan",
        "supervision": _PENGAWASAN_LURAH,
        "staffing": "3 orang (petugas front office, pengadministrasi layanan dan Kepala Seksi Kesejahteraan Sosial "
        "dan Pelayanan)",
        "guarantee": _JAMINAN,
        "security": _KEAMANAN,
        "evaluation": _EVALUASI_LURAH,
        "documents": [
            {
                "name": "KTP-el calon pengantin",
                "required": True,
                "note": "Unggah hasil pindaian/foto yang jelas; asli diperlihatkan saat pengambilan surat.",
            },
            {
                "name": "Kartu Keluarga (KK) calon pengantin",
                "required": True,
                "note": "",
            },
            _PENGANTAR_RT,
            {
                "name": "Kutipan akta kelahiran calon pengantin",
                "required": True,
                "note": "Atau ijazah yang memuat tanggal lahir.",
            },
            {
                "name": "KTP-el orang tua atau wali",
                "required": True,
                "note": "Bila orang tua telah meninggal, lampirkan akta/surat keterangan kematian.",
            },
            {
                "name": "Surat pernyataan belum pernah menikah bermeterai Rp10.000",
                "required": False,
                "note": "Bagi calon pengantin yang belum pernah menikah, diketahui Ketua RT/RW.",
            },
            {
                "name": "Akta perceraian atau akta kematian pasangan terdahulu",
                "required": False,
                "note": "Bagi calon pengantin berstatus cerai hidup atau cerai mati.",
            },
            {
                "name": "Penetapan dispensasi kawin dari pengadilan",
                "required": False,
                "note": "Bagi calon pengantin yang belum berusia 19 tahun.",
            },
            {
                "name": "Izin atasan/komandan",
                "required": False,
                "note": "Bagi calon pengantin anggota TNI/Polri.",
            },
        ],
        "fields": [
            {
                "code": "status_perkawinan",
                "label": "Status perkawinan calon pengantin",
                "kind": "choice",
                "required": True,
                "help": "",
                "choices": ["Belum pernah kawin", "Cerai hidup", "Cerai mati"],
            },
            {
                "code": "nama_ayah",
                "label": "Nama ayah kandung",
                "kind": "text",
                "required": True,
                "help": "",
                "choices": [],
            },
            {
                "code": "nama_ibu",
                "label": "Nama ibu kandung",
                "kind": "text",
                "required": True,
                "help": "",
                "choices": [],
            },
            {
                "code": "nama_calon_pasangan",
                "label": "Nama calon suami/istri",
                "kind": "text",
                "required": True,
                "help": "",
                "choices": [],
            },
            {
                "code": "nik_calon_pasangan",
                "label": "NIK calon suami/istri",
                "kind": "nik",
                "required": True,
                "help": "",
                "choices": [],
            },
            {
                "code": "alamat_calon_pasangan",
                "label": "Alamat calon suami/istri",
                "kind": "address",
                "required": True,
                "help": "",
                "choices": [],
            },
            {
                "code": "rencana_tanggal_nikah",
                "label": "Rencana tanggal akad nikah/perkawinan",
                "kind": "date",
                "required": True,
                "help": "",
                "choices": [],
            },
            {
                "code": "tempat_nikah",
                "label": "Rencana tempat pelaksanaan",
                "kind": "choice",
                "required": True,
                "help": "",
                "choices": [
                    "Kantor Urusan Agama (KUA) Kecamatan",
                    "Di luar KUA (rumah, masjid atau gedung)",
                    "Rumah ibadah/tempat lain dan dicatatkan di Dinas Kependudukan dan Pencatatan Sipil",
                ],
            },
        ],
        "letter_body": (
            _PEMBUKA + "\n\n" + _IDENTITAS + "\n"
            "Status perkawinan : {status_perkawinan}\n"
            "Nama ayah : {nama_ayah}\n"
            "Nama ibu : {nama_ibu}\n\n"
            "adalah benar penduduk wilayah {nama_wilayah} yang bermaksud melangsungkan pernikahan dengan:\n"
            "Nama : {nama_calon_pasangan}\n"
            "NIK : {nik_calon_pasangan}\n"
            "Alamat : {alamat_calon_pasangan}\n\n"
            "Pernikahan direncanakan pada tanggal {rencana_tanggal_nikah} dengan tempat pelaksanaan: "
            "{tempat_nikah}. Surat pengantar ini diberikan sebagai kelengkapan pendaftaran kehendak nikah atau "
            "pencatatan perkawinan pada instansi yang berwenang.\n\n" + _PENUTUP_PENGANTAR
        ),
    },
    {
        "code": "sk-usaha",
        "name": "Surat Keterangan Usaha",
        "summary": (
            "Menerangkan bahwa Anda menjalankan usaha di wilayah kelurahan ini, mis. untuk mengajukan kredit usaha "
            "ke bank atau bantuan modal. Surat ini bukan izin usaha dan tidak menggantikan NIB."
        ),
        "level": "desa",
        "deadline_days": 2,
        "fee": 0,
        "archive_code": "510",
        "signer": "kepala",
        "product": "Surat Keterangan Usaha yang ditandatangani Lurah",
        "procedure": (
            "1. Pemohon mengajukan permohonan melalui aplikasi Pamong atau di loket pelayanan kantor lurah dengan "
            "melampirkan persyaratan.\n"
            "2. Petugas front office memeriksa kelengkapan berkas; berkas yang belum lengkap dikembalikan disertai "
            "penjelasan kekurangannya.\n"
            "3. Petugas mencatat permohonan dalam register dan meneruskannya kepada Kepala Seksi Pemberdayaan "
            "Masyarakat.\n"
            "4. Petugas memverifikasi keberadaan tempat usaha berdasarkan foto dan keterangan RT/RW, dan bila "
            "diperlukan meninjau lokasi usaha.\n"
            "5. Pengelola pemberdayaan masyarakat menyiapkan konsep surat; Kepala Seksi memeriksa dan memaraf "
            "konsep surat.\n"
            "6. Lurah menandatangani surat; surat diberi nomor, tanggal dan cap dinas, lalu diarsipkan.\n"
            "7. Pemohon menerima pemberitahuan melalui aplikasi Pamong dan mengambil surat di loket dengan "
            "memperlihatkan KTP-el asli."
        ),
        "complaints": _PENGADUAN_LURAH,
        "legal_basis": _dasar_hukum(uu=(_UU_UMKM,)),
        "facilities": _SARANA_LURAH,
        "competence": (
            _KOMPETENSI_DASAR + "\nMemahami jenis dan skala usaha mikro dan kecil\n"
            "Memahami perbedaan keterangan usaha dengan perizinan berusaha (NIB)"
        ),
        "supervision": _PENGAWASAN_LURAH,
        "staffing": "3 orang (petugas front office, pengelola pemberdayaan masyarakat dan Kepala Seksi "
        "Pemberdayaan Masyarakat)",
        "guarantee": _JAMINAN,
        "security": _KEAMANAN,
        "evaluation": _EVALUASI_LURAH,
        "documents": [
            _KTP,
            _KK,
            _PENGANTAR_RT,
            {
                "name": "Foto tempat atau kegiatan usaha",
                "required": True,
                "note": "Memperlihatkan papan nama/barang dagangan dan lingkungan sekitar.",
            },
            {
                "name": "Bukti sewa atau izin penggunaan tempat usaha",
                "required": False,
                "note": "Bila tempat usaha bukan milik sendiri.",
            },
            {
                "name": "Nomor Induk Berusaha (NIB)",
                "required": False,
                "note": "Bila sudah ada.",
            },
        ],
        "fields": [
            {
                "code": "nama_usaha",
                "label": "Nama usaha",
                "kind": "text",
                "required": True,
                "help": "Mis. Warung Nasi Uni Ros; tulis nama pemilik bila usaha tidak bernama.",
                "choices": [],
            },
            {
                "code": "jenis_usaha",
                "label": "Jenis/bidang usaha",
                "kind": "text",
                "required": True,
                "help": "Mis. rumah makan, jahit pakaian, toko kelontong.",
                "choices": [],
            },
            {
                "code": "alamat_usaha",
                "label": "Alamat tempat usaha",
                "kind": "address",
                "required": True,
                "help": "Tempat usaha harus berada di wilayah kelurahan ini.",
                "choices": [],
            },
            {
                "code": "status_tempat_usaha",
                "label": "Status tempat usaha",
                "kind": "choice",
                "required": True,
                "help": "",
                "choices": ["Milik sendiri", "Sewa/kontrak", "Menumpang", "Tidak menetap/berkeliling"],
            },
            {
                "code": "tahun_mulai_usaha",
                "label": "Tahun mulai usaha",
                "kind": "number",
                "required": True,
                "help": "Mis. 2019.",
                "choices": [],
            },
            {
                "code": "keperluan",
                "label": "Keperluan surat",
                "kind": "text",
                "required": True,
                "help": "Tulis singkat, mis. pengajuan Kredit Usaha Rakyat (KUR) pada bank.",
                "choices": [],
            },
        ],
        "letter_body": (
            _PEMBUKA + "\n\n" + _IDENTITAS + "\n\n"
            "Berdasarkan surat pengantar Ketua RT/RW dan hasil verifikasi petugas, yang bersangkutan benar "
            "menjalankan usaha di wilayah {nama_wilayah} dengan keterangan sebagai berikut:\n"
            "Nama usaha : {nama_usaha}\n"
            "Jenis usaha : {jenis_usaha}\n"
            "Alamat usaha : {alamat_usaha}\n"
            "Status tempat usaha : {status_tempat_usaha}\n"
            "Mulai usaha sejak tahun : {tahun_mulai_usaha}\n\n"
            "Surat keterangan ini diberikan untuk keperluan {keperluan}. Surat ini bukan merupakan izin usaha; "
            "perizinan berusaha tetap wajib dipenuhi sesuai ketentuan peraturan perundang-undangan.\n\n"
            + _PENUTUP_KETERANGAN
        ),
    },
    {
        "code": "sk-penghasilan",
        "name": "Surat Keterangan Penghasilan",
        "summary": (
            "Menerangkan perkiraan penghasilan Anda, terutama bagi yang bekerja di sektor informal tanpa slip gaji, "
            "untuk keperluan seperti pendaftaran sekolah, beasiswa atau keringanan biaya."
        ),
        "level": "desa",
        "deadline_days": 1,
        "fee": 0,
        "archive_code": "400",
        "signer": "kepala",
        "product": "Surat Keterangan Penghasilan yang ditandatangani Lurah",
        "procedure": (
            "1. Pemohon mengajukan permohonan melalui aplikasi Pamong atau di loket pelayanan kantor lurah dengan "
            "melampirkan persyaratan.\n"
            "2. Petugas front office memeriksa kelengkapan berkas; berkas yang belum lengkap dikembalikan disertai "
            "penjelasan kekurangannya.\n"
            "3. Petugas mencocokkan data pemohon dengan data kependudukan dan surat pernyataan penghasilan, lalu "
            "mencatat permohonan dalam register.\n"
            "4. Pengadministrasi layanan menyiapkan konsep surat; Kepala Seksi Kesejahteraan Sosial dan Pelayanan "
            "memeriksa dan memaraf konsep surat.\n"
            "5. Lurah menandatangani surat; surat diberi nomor, tanggal dan cap dinas, lalu diarsipkan.\n"
            "6. Pemohon menerima pemberitahuan melalui aplikasi Pamong dan mengambil surat di loket dengan "
            "memperlihatkan KTP-el asli."
        ),
        "complaints": _PENGADUAN_LURAH,
        "legal_basis": _dasar_hukum(uu=(_UU_ADMINDUK, _UU_METERAI)),
        "facilities": _SARANA_LURAH,
        "competence": _KOMPETENSI_DASAR + "\nMemahami kondisi sosial ekonomi warga kelurahan",
        "supervision": _PENGAWASAN_LURAH,
        "staffing": "2 orang (petugas front office dan pengadministrasi layanan)",
        "guarantee": _JAMINAN,
        "security": _KEAMANAN,
        "evaluation": _EVALUASI_LURAH,
        "documents": [
            _KTP,
            _KK,
            _PENGANTAR_RT,
            {
                "name": "Surat pernyataan penghasilan bermeterai Rp10.000",
                "required": True,
                "note": "Ditandatangani pemohon dan diketahui Ketua RT; format tersedia di kantor lurah.",
            },
            {
                "name": "Bukti pendukung penghasilan (mis. catatan penjualan atau bukti upah)",
                "required": False,
                "note": "Bila ada.",
            },
        ],
        "fields": [
            {
                "code": "sumber_penghasilan",
                "label": "Sumber penghasilan",
                "kind": "text",
                "required": True,
                "help": "Mis. berdagang sayur di Pasar Raya, buruh harian, ojek.",
                "choices": [],
            },
            {
                "code": "penghasilan_per_bulan",
                "label": "Penghasilan rata-rata per bulan (rupiah)",
                "kind": "number",
                "required": True,
                "help": "",
                "choices": [],
            },
            {
                "code": "keperluan",
                "label": "Keperluan surat",
                "kind": "text",
                "required": True,
                "help": "Tulis singkat, mis. pendaftaran sekolah anak atas nama Nurul Hidayah.",
                "choices": [],
            },
        ],
        "letter_body": (
            _PEMBUKA + "\n\n" + _IDENTITAS + "\n\n"
            "adalah benar penduduk wilayah {nama_wilayah} yang menurut pernyataannya, yang diketahui Ketua RT/RW "
            "setempat, memperoleh penghasilan dari {sumber_penghasilan} dengan rata-rata sebesar "
            "Rp{penghasilan_per_bulan} per bulan.\n\n"
            "Surat keterangan ini diberikan untuk keperluan {keperluan}. Kebenaran besaran penghasilan tersebut "
            "menjadi tanggung jawab yang bersangkutan.\n\n" + _PENUTUP_KETERANGAN
        ),
    },
    {
        "code": "pengantar-kehilangan",
        "name": "Surat Pengantar Laporan Kehilangan",
        "summary": (
            "Pengantar dari kelurahan untuk melaporkan kehilangan barang atau dokumen ke kepolisian guna "
            "memperoleh Surat Keterangan Tanda Lapor Kehilangan."
        ),
        "level": "desa",
        "deadline_days": 1,
        "fee": 0,
        "archive_code": "300",
        "signer": "sekretaris",
        "product": "Surat Pengantar Laporan Kehilangan yang ditandatangani Sekretaris Lurah atas nama Lurah",
        "procedure": (
            "1. Pemohon mengajukan permohonan melalui aplikasi Pamong atau di loket pelayanan kantor lurah dengan "
            "melampirkan persyaratan dan menguraikan kronologi kehilangan.\n"
            "2. Petugas front office memeriksa kelengkapan berkas; berkas yang belum lengkap dikembalikan disertai "
            "penjelasan kekurangannya.\n"
            "3. Petugas mencatat permohonan dalam register dan menyiapkan konsep surat pengantar.\n"
            "4. Kepala Seksi Pemerintahan dan Ketenteraman memeriksa dan memaraf konsep surat.\n"
            "5. Sekretaris Lurah menandatangani surat atas nama Lurah; surat diberi nomor, tanggal dan cap dinas, "
            "lalu diarsipkan.\n"
            "6. Pemohon mengambil surat di loket, lalu melaporkan kehilangan ke kantor kepolisian sektor setempat."
        ),
        "complaints": _PENGADUAN_LURAH,
        "legal_basis": _dasar_hukum(uu=(_UU_POLRI, _UU_ADMINDUK)),
        "facilities": _SARANA_LURAH,
        "competence": _KOMPETENSI_DASAR,
        "supervision": _PENGAWASAN_LURAH,
        "staffing": "2 orang (petugas front office dan pengelola data kependudukan)",
        "guarantee": _JAMINAN,
        "security": _KEAMANAN,
        "evaluation": _EVALUASI_LURAH,
        "documents": [
            {
                "name": "KTP-el pemohon",
                "required": True,
                "note": "Bila yang hilang adalah KTP-el, cukup melampirkan Kartu Keluarga.",
            },
            _KK,
            _PENGANTAR_RT,
            {
                "name": "Salinan atau foto dokumen yang hilang",
                "required": False,
                "note": "Bila ada, untuk memudahkan pengurusan dokumen pengganti.",
            },
        ],
        "fields": [
            {
                "code": "barang_hilang",
                "label": "Barang atau dokumen yang hilang",
                "kind": "text",
                "required": True,
                "help": "Mis. dompet berisi KTP-el, SIM C dan kartu ATM.",
                "choices": [],
            },
            {
                "code": "rincian_barang",
                "label": "Rincian dan ciri-ciri",
                "kind": "textarea",
                "required": True,
                "help": "Nomor dokumen, atas nama siapa, merek/warna barang.",
                "choices": [],
            },
            {
                "code": "tanggal_kehilangan",
                "label": "Perkiraan tanggal kehilangan",
                "kind": "date",
                "required": True,
                "help": "",
                "choices": [],
            },
            {
                "code": "lokasi_kehilangan",
                "label": "Perkiraan tempat kehilangan",
                "kind": "text",
                "required": True,
                "help": "Mis. di sekitar Pasar Raya Padang.",
                "choices": [],
            },
            {
                "code": "kronologi",
                "label": "Kronologi singkat",
                "kind": "textarea",
                "required": True,
                "help": "",
                "choices": [],
            },
        ],
        "letter_body": (
            _PEMBUKA + "\n\n" + _IDENTITAS + "\n\n"
            "adalah benar penduduk wilayah {nama_wilayah} yang melaporkan telah kehilangan:\n"
            "Barang/dokumen : {barang_hilang}\n"
            "Rincian : {rincian_barang}\n"
            "Perkiraan tanggal : {tanggal_kehilangan}\n"
            "Perkiraan tempat : {lokasi_kehilangan}\n"
            "Kronologi : {kronologi}\n\n"
            "Surat pengantar ini diberikan untuk melaporkan kehilangan tersebut kepada kepolisian. Kebenaran isi "
            "laporan menjadi tanggung jawab pelapor.\n\n" + _PENUTUP_PENGANTAR
        ),
    },
    {
        "code": "pengantar-skck",
        "name": "Surat Pengantar Permohonan SKCK",
        "summary": (
            "Pengantar dari kelurahan yang menerangkan bahwa Anda penduduk setempat dan dikenal berkelakuan baik, "
            "sebagai kelengkapan permohonan Surat Keterangan Catatan Kepolisian (SKCK) bila diminta."
        ),
        "level": "desa",
        "deadline_days": 1,
        "fee": 0,
        "archive_code": "300",
        "signer": "sekretaris",
        "product": "Surat Pengantar Permohonan SKCK yang ditandatangani Sekretaris Lurah atas nama Lurah",
        "procedure": (
            "1. Pemohon mengajukan permohonan melalui aplikasi Pamong atau di loket pelayanan kantor lurah dengan "
            "melampirkan persyaratan.\n"
            "2. Petugas front office memeriksa kelengkapan berkas; berkas yang belum lengkap dikembalikan disertai "
            "penjelasan kekurangannya.\n"
            "3. Petugas mencocokkan data pemohon dengan data kependudukan dan keterangan RT/RW, lalu mencatat "
            "permohonan dalam register.\n"
            "4. Petugas menyiapkan konsep surat; Kepala Seksi Pemerintahan dan Ketenteraman memeriksa dan memaraf "
            "konsep surat.\n"
            "5. Sekretaris Lurah menandatangani surat atas nama Lurah; surat diberi nomor, tanggal dan cap dinas, "
            "lalu diarsipkan.\n"
            "6. Pemohon mengambil surat di loket dengan memperlihatkan KTP-el asli, lalu mengajukan permohonan "
            "SKCK ke kepolisian."
        ),
        "complaints": _PENGADUAN_LURAH,
        "legal_basis": _dasar_hukum(uu=(_UU_POLRI, _UU_ADMINDUK)),
        "facilities": _SARANA_LURAH,
        "competence": _KOMPETENSI_DASAR + "\nMengenal kondisi ketenteraman dan ketertiban lingkungan kelurahan",
        "supervision": _PENGAWASAN_LURAH,
        "staffing": "2 orang (petugas front office dan pengelola data kependudukan)",
        "guarantee": _JAMINAN,
        "security": _KEAMANAN,
        "evaluation": _EVALUASI_LURAH,
        "documents": [
            _KTP,
            _KK,
            {
                "name": "Surat pengantar Ketua RT yang diketahui Ketua RW",
                "required": True,
                "note": "Menerangkan bahwa pemohon berkelakuan baik di lingkungannya.",
            },
        ],
        "fields": [
            {
                "code": "keperluan",
                "label": "Keperluan SKCK",
                "kind": "text",
                "required": True,
                "help": "Tulis singkat, mis. melamar pekerjaan atau pendaftaran CPNS.",
                "choices": [],
            },
            {
                "code": "lama_tinggal",
                "label": "Lama tinggal di kelurahan ini",
                "kind": "text",
                "required": True,
                "help": "Mis. sejak lahir atau 5 tahun.",
                "choices": [],
            },
        ],
        "letter_body": (
            _PEMBUKA + "\n\n" + _IDENTITAS + "\n\n"
            "adalah benar penduduk wilayah {nama_wilayah} yang telah bertempat tinggal di wilayah ini "
            "{lama_tinggal}. Berdasarkan keterangan Ketua RT/RW setempat dan sepanjang pengetahuan kami, yang "
            "bersangkutan berkelakuan baik dan tidak tercatat pernah melakukan perbuatan yang mengganggu "
            "ketenteraman dan ketertiban lingkungan.\n\n"
            "Surat pengantar ini diberikan sebagai kelengkapan permohonan Surat Keterangan Catatan Kepolisian "
            "(SKCK) untuk keperluan {keperluan}.\n\n" + _PENUTUP_PENGANTAR
        ),
    },
    {
        "code": "sk-beda-nama",
        "name": "Surat Keterangan Beda Nama",
        "summary": (
            "Menerangkan bahwa dua penulisan nama yang berbeda pada dokumen Anda adalah orang yang sama, mis. untuk "
            "keperluan bank, BPJS, pensiun atau pendaftaran haji."
        ),
        "level": "desa",
        "deadline_days": 2,
        "fee": 0,
        "archive_code": "470",
        "signer": "kepala",
        "product": "Surat Keterangan Beda Nama yang ditandatangani Lurah",
        "procedure": (
            "1. Pemohon mengajukan permohonan melalui aplikasi Pamong atau di loket pelayanan kantor lurah dengan "
            "melampirkan persyaratan dan semua dokumen yang memuat penulisan nama berbeda.\n"
            "2. Petugas front office memeriksa kelengkapan berkas; berkas yang belum lengkap dikembalikan disertai "
            "penjelasan kekurangannya.\n"
            "3. Pengelola data kependudukan membandingkan data pada dokumen-dokumen tersebut (tanggal lahir, nama "
            "orang tua, alamat) dengan data kependudukan, lalu mencatat permohonan dalam register.\n"
            "4. Bila diperlukan, petugas meminta keterangan pemohon dan saksi.\n"
            "5. Pengelola data kependudukan menyiapkan konsep surat; Kepala Seksi Pemerintahan dan Ketenteraman "
            "memeriksa dan memaraf konsep surat.\n"
            "6. Lurah menandatangani surat; surat diberi nomor, tanggal dan cap dinas, lalu diarsipkan.\n"
            "7. Pemohon mengambil surat di loket dengan memperlihatkan dokumen asli."
        ),
        "complaints": _PENGADUAN_LURAH,
        "legal_basis": _dasar_hukum(uu=(_UU_ADMINDUK, _UU_METERAI), perpres=(_PERPRES_ADMINDUK,)),
        "facilities": _SARANA_LURAH,
        "competence": (
            _KOMPETENSI_DASAR + "\nMemahami elemen data kependudukan\nTeliti dalam membandingkan data antardokumen"
        ),
        "supervision": _PENGAWASAN_LURAH,
        "staffing": "3 orang (petugas front office, pengelola data kependudukan dan Kepala Seksi Pemerintahan "
        "dan Ketenteraman)",
        "guarantee": _JAMINAN,
        "security": _KEAMANAN,
        "evaluation": _EVALUASI_LURAH,
        "documents": [
            _KTP,
            _KK,
            _PENGANTAR_RT,
            {
                "name": "Dokumen yang memuat penulisan nama berbeda",
                "required": True,
                "note": "Mis. ijazah, akta kelahiran, buku nikah, paspor atau buku tabungan; unggah semuanya.",
            },
            {
                "name": "Surat pernyataan beda nama bermeterai Rp10.000",
                "required": True,
                "note": "Ditandatangani pemohon dan 2 (dua) orang saksi.",
            },
            _KTP_SAKSI,
        ],
        "fields": [
            {
                "code": "nama_berbeda",
                "label": "Penulisan nama yang berbeda",
                "kind": "text",
                "required": True,
                "help": "Tulis persis seperti pada dokumen lain, mis. Sy. Rahmah.",
                "choices": [],
            },
            {
                "code": "dokumen_berbeda",
                "label": "Dokumen yang memuat penulisan berbeda",
                "kind": "text",
                "required": True,
                "help": "Mis. Ijazah SD Negeri 12 Padang tahun 1985.",
                "choices": [],
            },
            {
                "code": "keperluan",
                "label": "Keperluan surat",
                "kind": "text",
                "required": True,
                "help": "Tulis singkat, mis. pengurusan dana pensiun.",
                "choices": [],
            },
        ],
        "letter_body": (
            _PEMBUKA + "\n\n" + _IDENTITAS + "\n\n"
            "Nama {nama} sebagaimana tercantum dalam KTP-el dan Kartu Keluarga, dan nama {nama_berbeda} "
            "sebagaimana tercantum dalam {dokumen_berbeda}, adalah benar satu orang yang sama, berdasarkan surat "
            "pernyataan yang bersangkutan dan keterangan 2 (dua) orang saksi.\n\n"
            "Surat keterangan ini diberikan untuk keperluan {keperluan}. Surat ini tidak mengubah data pada "
            "dokumen kependudukan maupun dokumen lain; pembetulan data dilakukan pada instansi yang berwenang "
            "sesuai ketentuan peraturan perundang-undangan.\n\n" + _PENUTUP_KETERANGAN
        ),
    },
    {
        "code": "sk-ahli-waris",
        "name": "Surat Keterangan Ahli Waris",
        "summary": (
            "Penguatan dan registrasi oleh Camat atas surat keterangan ahli waris yang dibuat para ahli waris, "
            "untuk mengurus harta peninggalan seperti tabungan, balik nama sertipikat tanah atau kendaraan."
        ),
        "level": "kecamatan",
        "deadline_days": 5,
        "fee": 0,
        "archive_code": "474.3",
        "signer": "kepala",
        "product": (
            "Surat Keterangan Ahli Waris yang disaksikan dan dibenarkan Lurah serta dikuatkan dan diregister Camat. "
            "Surat ini menerangkan siapa ahli waris pewaris; tidak menetapkan pembagian harta dan tidak berlaku "
            "atas harta pusako tinggi yang tunduk pada hukum adat."
        ),
        "procedure": (
            "1. Para ahli waris menyusun surat pernyataan ahli waris yang ditandatangani seluruh ahli waris dan "
            "2 (dua) orang saksi, lalu dibenarkan oleh Lurah tempat tinggal terakhir pewaris.\n"
            "2. Salah seorang ahli waris mengajukan permohonan melalui aplikasi Pamong atau di loket PATEN kantor "
            "camat dengan melampirkan persyaratan.\n"
            "3. Petugas front office memeriksa kelengkapan berkas; berkas yang belum lengkap dikembalikan disertai "
            "penjelasan kekurangannya.\n"
            "4. Kepala Seksi Pemerintahan meneliti kesesuaian data pewaris dan ahli waris pada akta, Kartu Keluarga "
            "dan KTP-el, serta berkoordinasi dengan lurah bila diperlukan.\n"
            "5. Bila diperlukan, para ahli waris dan saksi diundang untuk mengonfirmasi tanda tangan dan "
            "keterangannya di hadapan Camat atau pejabat yang ditunjuk.\n"
            "6. Pengelola data pemerintahan menyiapkan konsep surat dan mencatatnya dalam register; Kepala Seksi "
            "dan Sekretaris Camat memeriksa dan memaraf konsep surat.\n"
            "7. Camat menandatangani surat; surat diberi nomor, tanggal dan cap dinas, lalu diarsipkan.\n"
            "8. Pemohon menerima pemberitahuan melalui aplikasi Pamong dan mengambil surat di loket dengan "
            "memperlihatkan dokumen asli."
        ),
        "complaints": _PENGADUAN_CAMAT,
        "legal_basis": _dasar_hukum(
            uu=(_UU_ADMINDUK, _UU_METERAI),
            pp=(_PP_PENDAFTARAN_TANAH,),
            perpres=(_PERPRES_ADMINDUK,),
            permen=(_PMNA_WARIS,),
            kecamatan=True,
        ),
        "facilities": _SARANA_CAMAT,
        "competence": (
            _KOMPETENSI_DASAR + "\nMemahami ketentuan keterangan waris untuk pendaftaran peralihan hak\n"
            "Memahami susunan ahli waris dan hubungan kekerabatan, termasuk kekhususan harta pusako dalam adat "
            "Minangkabau\n"
            "Teliti dalam memeriksa keabsahan dokumen"
        ),
        "supervision": _PENGAWASAN_CAMAT,
        "staffing": "4 orang (petugas front office PATEN, pengelola data pemerintahan, Kepala Seksi Pemerintahan "
        "dan Sekretaris Camat)",
        "guarantee": _JAMINAN,
        "security": (
            _KEAMANAN + " Dokumen asli para ahli waris hanya diperiksa di loket dan dikembalikan pada saat itu juga."
        ),
        "evaluation": _EVALUASI_CAMAT,
        "documents": [
            {
                "name": "Surat pernyataan ahli waris bermeterai Rp10.000",
                "required": True,
                "note": "Ditandatangani seluruh ahli waris dan 2 (dua) orang saksi, serta dibenarkan Lurah tempat "
                "tinggal terakhir pewaris.",
            },
            {
                "name": "Kutipan akta kematian pewaris",
                "required": True,
                "note": "Asli diperlihatkan saat pengambilan surat.",
            },
            {
                "name": "Kartu Keluarga (KK) pewaris",
                "required": True,
                "note": "KK terakhir yang memuat nama pewaris.",
            },
            {
                "name": "Buku nikah/kutipan akta perkawinan pewaris",
                "required": True,
                "note": "Termasuk perkawinan terdahulu bila ada.",
            },
            {
                "name": "KTP-el dan Kartu Keluarga seluruh ahli waris",
                "required": True,
                "note": "Gabungkan dalam satu berkas PDF bila memungkinkan.",
            },
            {
                "name": "Kutipan akta kelahiran anak-anak pewaris",
                "required": True,
                "note": "Untuk membuktikan hubungan anak dengan pewaris.",
            },
            {
                "name": "KTP-el 2 (dua) orang saksi",
                "required": True,
                "note": "Saksi telah dewasa, mengenal keluarga pewaris dan bukan ahli waris.",
            },
            {
                "name": "Akta kematian ahli waris yang telah meninggal dunia",
                "required": False,
                "note": "Bila ada ahli waris yang meninggal lebih dahulu atau sesudah pewaris.",
            },
            {
                "name": "Surat kuasa bermeterai Rp10.000",
                "required": False,
                "note": "Bila permohonan diajukan oleh kuasa para ahli waris.",
            },
        ],
        "fields": [
            {
                "code": "nama_pewaris",
                "label": "Nama pewaris (almarhum/almarhumah)",
                "kind": "text",
                "required": True,
                "help": "",
                "choices": [],
            },
            {
                "code": "nik_pewaris",
                "label": "NIK pewaris",
                "kind": "nik",
                "required": True,
                "help": "",
                "choices": [],
            },
            {
                "code": "alamat_terakhir_pewaris",
                "label": "Alamat tempat tinggal terakhir pewaris",
                "kind": "address",
                "required": True,
                "help": "Harus berada di wilayah kecamatan ini.",
                "choices": [],
            },
            {
                "code": "tempat_meninggal",
                "label": "Tempat meninggal",
                "kind": "text",
                "required": True,
                "help": "",
                "choices": [],
            },
            {
                "code": "tanggal_meninggal",
                "label": "Tanggal meninggal",
                "kind": "date",
                "required": True,
                "help": "",
                "choices": [],
            },
            {
                "code": "nomor_akta_kematian",
                "label": "Nomor akta kematian",
                "kind": "text",
                "required": True,
                "help": "Sesuai kutipan akta kematian.",
                "choices": [],
            },
            {
                "code": "daftar_ahli_waris",
                "label": "Daftar ahli waris",
                "kind": "textarea",
                "required": True,
                "help": "Satu orang per baris: nama, NIK, hubungan dengan pewaris. "
                "Mis. Nurhayati, 1371xxxxxxxxxxxx, istri.",
                "choices": [],
            },
            {
                "code": "hubungan_pemohon",
                "label": "Hubungan pemohon dengan pewaris",
                "kind": "choice",
                "required": True,
                "help": "",
                "choices": ["Suami/istri", "Anak", "Orang tua", "Saudara kandung", "Cucu", "Kuasa ahli waris"],
            },
            {
                "code": "nama_saksi_1",
                "label": "Nama saksi pertama",
                "kind": "text",
                "required": True,
                "help": "Sesuai KTP-el saksi.",
                "choices": [],
            },
            {
                "code": "nama_saksi_2",
                "label": "Nama saksi kedua",
                "kind": "text",
                "required": True,
                "help": "Sesuai KTP-el saksi.",
                "choices": [],
            },
            {
                "code": "keperluan",
                "label": "Keperluan surat",
                "kind": "text",
                "required": True,
                "help": "Tulis singkat, mis. pencairan tabungan pewaris atau balik nama sertipikat tanah.",
                "choices": [],
            },
        ],
        "letter_body": (
            "Yang bertanda tangan di bawah ini, {jabatan_penandatangan} pada {nama_unit}, dengan ini menerangkan "
            "bahwa surat pernyataan ahli waris dari almarhum/almarhumah {nama_pewaris}, NIK {nik_pewaris}, dengan "
            "alamat terakhir {alamat_terakhir_pewaris}, yang meninggal dunia di {tempat_meninggal} pada tanggal "
            "{tanggal_meninggal} sebagaimana tercantum dalam Kutipan Akta Kematian Nomor {nomor_akta_kematian}, "
            "telah dibuat oleh para ahli waris, disaksikan oleh {nama_saksi_1} dan {nama_saksi_2}, dibenarkan oleh "
            "Lurah setempat, dan diregister pada {nama_unit}.\n\n"
            "Berdasarkan surat pernyataan tersebut, ahli waris dari almarhum/almarhumah adalah:\n"
            "{daftar_ahli_waris}\n\n"
            "Surat keterangan ini diajukan oleh:\n" + _IDENTITAS + "\n"
            "Hubungan dengan pewaris : {hubungan_pemohon}\n"
            "Keperluan : {keperluan}\n\n"
            "Kebenaran isi surat pernyataan ahli waris sepenuhnya menjadi tanggung jawab para ahli waris. Apabila "
            "di kemudian hari terdapat kekeliruan atau keberatan dari pihak lain, surat keterangan ini dapat "
            "ditinjau kembali sesuai ketentuan peraturan perundang-undangan.\n\n" + _PENUTUP_KETERANGAN
        ),
    },
    {
        "code": "rekomendasi-keramaian",
        "name": "Rekomendasi Izin Keramaian",
        "summary": (
            "Rekomendasi Camat sebagai kelengkapan permohonan izin keramaian ke kepolisian, untuk kegiatan yang "
            "menghimpun orang banyak seperti baralek (pesta pernikahan), hiburan atau acara olahraga."
        ),
        "level": "kecamatan",
        "deadline_days": 3,
        "fee": 0,
        "archive_code": "331",
        "signer": "kepala",
        "product": "Surat Rekomendasi Izin Keramaian yang ditandatangani Camat",
        "procedure": (
            "1. Penanggung jawab kegiatan mengajukan permohonan melalui aplikasi Pamong atau di loket PATEN kantor "
            "camat paling lambat 7 (tujuh) hari kerja sebelum kegiatan, dengan melampirkan persyaratan.\n"
            "2. Petugas front office memeriksa kelengkapan berkas; berkas yang belum lengkap dikembalikan disertai "
            "penjelasan kekurangannya.\n"
            "3. Petugas mencatat permohonan dalam register dan meneruskannya kepada Kepala Seksi Ketenteraman dan "
            "Ketertiban Umum.\n"
            "4. Kepala Seksi Ketenteraman dan Ketertiban Umum menelaah rencana kegiatan dan, bila diperlukan, "
            "meninjau lokasi serta berkoordinasi dengan lurah, Bhabinkamtibmas dan Babinsa.\n"
            "5. Pengelola ketenteraman dan ketertiban menyiapkan konsep rekomendasi; Kepala Seksi dan Sekretaris "
            "Camat memeriksa dan memaraf konsep surat.\n"
            "6. Camat menandatangani rekomendasi; surat diberi nomor, tanggal dan cap dinas, lalu diarsipkan.\n"
            "7. Pemohon mengambil rekomendasi di loket, lalu mengajukan izin keramaian ke kepolisian."
        ),
        "complaints": _PENGADUAN_CAMAT,
        "legal_basis": _dasar_hukum(uu=(_UU_POLRI, _UU_METERAI), kecamatan=True, daerah=(_PERDA_TRANTIB,)),
        "facilities": _SARANA_CAMAT,
        "competence": (
            _KOMPETENSI_DASAR + "\nMemahami ketentuan ketertiban umum dan ketenteraman masyarakat\n"
            "Mampu menilai risiko keamanan kegiatan dan berkoordinasi dengan unsur tiga pilar"
        ),
        "supervision": _PENGAWASAN_CAMAT,
        "staffing": "4 orang (petugas front office PATEN, pengelola ketenteraman dan ketertiban, Kepala Seksi "
        "Ketenteraman dan Ketertiban Umum dan Sekretaris Camat)",
        "guarantee": _JAMINAN,
        "security": _KEAMANAN,
        "evaluation": _EVALUASI_CAMAT,
        "documents": [
            {
                "name": "Surat permohonan dari penanggung jawab kegiatan",
                "required": True,
                "note": "Memuat nama kegiatan, waktu, tempat dan perkiraan jumlah peserta.",
            },
            _KTP,
            {
                "name": "Surat pengantar Lurah tempat kegiatan",
                "required": True,
                "note": "Diterbitkan berdasarkan pengantar Ketua RT/RW setempat.",
            },
            {
                "name": "Susunan acara kegiatan",
                "required": True,
                "note": "Termasuk jenis hiburan dan jam berakhirnya acara.",
            },
            {
                "name": "Surat pernyataan kesanggupan menjaga keamanan, ketertiban dan kebersihan bermeterai Rp10.000",
                "required": True,
                "note": "Ditandatangani penanggung jawab kegiatan.",
            },
            {
                "name": "Persetujuan pemilik atau pengelola tempat kegiatan",
                "required": False,
                "note": "Bila kegiatan tidak diadakan di tempat milik sendiri.",
            },
            {
                "name": "Persetujuan warga sekitar yang diketahui Ketua RT/RW",
                "required": False,
                "note": "Bila kegiatan menggunakan atau menutup sebagian badan jalan.",
            },
        ],
        "fields": [
            {
                "code": "nama_kegiatan",
                "label": "Nama kegiatan",
                "kind": "text",
                "required": True,
                "help": "Mis. Baralek pernikahan Rina dan Fajar.",
                "choices": [],
            },
            {
                "code": "jenis_kegiatan",
                "label": "Jenis kegiatan",
                "kind": "choice",
                "required": True,
                "help": "",
                "choices": [
                    "Pesta pernikahan (baralek)",
                    "Khitanan/syukuran keluarga",
                    "Hiburan/pertunjukan musik",
                    "Kegiatan olahraga",
                    "Kegiatan keagamaan",
                    "Kegiatan sosial kemasyarakatan",
                    "Lainnya",
                ],
            },
            {
                "code": "lokasi_kegiatan",
                "label": "Tempat kegiatan",
                "kind": "address",
                "required": True,
                "help": "Tempat kegiatan harus berada di wilayah kecamatan ini.",
                "choices": [],
            },
            {
                "code": "tanggal_mulai",
                "label": "Tanggal mulai",
                "kind": "date",
                "required": True,
                "help": "",
                "choices": [],
            },
            {
                "code": "tanggal_selesai",
                "label": "Tanggal selesai",
                "kind": "date",
                "required": True,
                "help": "Sama dengan tanggal mulai bila kegiatan hanya satu hari.",
                "choices": [],
            },
            {
                "code": "waktu_kegiatan",
                "label": "Waktu kegiatan",
                "kind": "text",
                "required": True,
                "help": "Mis. pukul 09.00 s.d. 22.00 WIB.",
                "choices": [],
            },
            {
                "code": "perkiraan_peserta",
                "label": "Perkiraan jumlah peserta/undangan (orang)",
                "kind": "number",
                "required": True,
                "help": "",
                "choices": [],
            },
            {
                "code": "hiburan",
                "label": "Hiburan yang ditampilkan",
                "kind": "text",
                "required": True,
                "help": "Mis. organ tunggal atau saluang; tulis tanda - bila tidak ada.",
                "choices": [],
            },
            {
                "code": "penggunaan_jalan",
                "label": "Penggunaan jalan",
                "kind": "choice",
                "required": True,
                "help": "",
                "choices": [
                    "Tidak menggunakan badan jalan",
                    "Menggunakan sebagian badan jalan",
                    "Menutup jalan untuk sementara",
                ],
            },
        ],
        "letter_body": (
            "Yang bertanda tangan di bawah ini, {jabatan_penandatangan} pada {nama_unit}, dengan ini memberikan "
            "rekomendasi kepada:\n\n" + _IDENTITAS + "\n\n"
            "selaku penanggung jawab kegiatan, untuk menyelenggarakan kegiatan di wilayah {nama_wilayah} dengan "
            "keterangan sebagai berikut:\n"
            "Nama kegiatan : {nama_kegiatan}\n"
            "Jenis kegiatan : {jenis_kegiatan}\n"
            "Tempat : {lokasi_kegiatan}\n"
            "Tanggal : {tanggal_mulai} s.d. {tanggal_selesai}\n"
            "Waktu : {waktu_kegiatan}\n"
            "Perkiraan peserta : {perkiraan_peserta} orang\n"
            "Hiburan : {hiburan}\n"
            "Penggunaan jalan : {penggunaan_jalan}\n\n"
            "Rekomendasi ini diberikan dengan ketentuan bahwa penanggung jawab kegiatan wajib menjaga keamanan, "
            "ketertiban, kebersihan dan kenyamanan lingkungan, menghormati norma agama dan adat istiadat setempat, "
            "menghentikan sementara hiburan saat azan dan salat berjamaah, mematuhi batas waktu yang ditetapkan, "
            "serta mengurus izin keramaian pada kepolisian. Rekomendasi ini bukan merupakan izin keramaian dan "
            "dapat dicabut apabila ketentuan tersebut dilanggar.\n\n"
            "Demikian rekomendasi ini dibuat untuk dapat dipergunakan sebagaimana mestinya."
        ),
    },
]
