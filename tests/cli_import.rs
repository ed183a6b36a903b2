//! `aims import soa|inventory FILE`: a draft SoA and an AI register, as CSV
//! and as a workbook, with the difficulties real ones have (a byte-order
//! mark, CRLF, day-first dates, Y/Yes/N/No, "In progress" and "N/A", a cell
//! over two lines, a row with no decision, an unknown control, a duplicate),
//! into a copy of the example workspace. A dry run must leave every byte as
//! it was; a write must leave a workspace `aims check` passes.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::Dir;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

/// Every file under `root` and its bytes, `.git` aside.
fn snapshot(root: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, files: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).expect("a folder").flatten() {
            let path = entry.path();
            if entry.file_name() == ".git" {
                continue;
            }
            if path.is_dir() {
                walk(root, &path, files);
            } else {
                let rel = path.strip_prefix(root).expect("under the root");
                files.insert(
                    rel.display().to_string(),
                    std::fs::read(&path).expect("read"),
                );
            }
        }
    }
    let mut files = BTreeMap::new();
    walk(root, root, &mut files);
    files
}

/// The example workspace, and a folder apart for the spreadsheets.
fn setup() -> (Dir, Dir) {
    (Dir::example(), Dir::empty())
}

fn path(dir: &Dir, name: &str) -> String {
    dir.join(name).display().to_string()
}

/// A draft SoA as Excel saves "CSV UTF-8": a BOM, CRLF line ends,
/// day-first dates, and the mistakes of a real one.
const SOA_CSV: &str = "\u{feff}Control ID,Control title,Applicable? (Y/N),Justification for inclusion / exclusion,Implementation status,Control owner,Target date\r\n\
A.4.2,Resource documentation,Y,\"We keep a register of AI resources.\r\nIt is reviewed quarterly.\",In progress,Priya Shah,31/03/2027\r\n\
A.4.3,Data resources,Yes,Data is catalogued,Not started,Priya Shah,01/06/2027\r\n\
A.6.1.2,Objectives for responsible development,N,We develop no AI systems ourselves,N/A,,\r\n\
A.6.1.3,Processes for responsible design,No,No in-house development,,,\r\n\
A.4.4,Tooling resources,,,,,\r\n\
A.99.1,Not a control,Y,Invented,Done,,\r\n\
A.4.2,Resource documentation (again),N,Duplicate,Done,,\r\n";

#[test]
fn a_dry_run_lists_every_row_and_writes_nothing() {
    let (ws, files) = setup();
    files.write("soa.csv", SOA_CSV);
    let before = snapshot(ws.path());
    let run = ws.cmd(["import", "soa", &path(&files, "soa.csv")]).run();
    run.expect_code(1);
    assert_eq!(snapshot(ws.path()), before, "a dry run wrote something");
    let out = &run.stdout;
    assert!(out.starts_with("row  control  action"), "{out}");
    for expected in [
        "2    A.4.2    create     applicable: true",
        "justification: We keep a register of AI resources. …",
        "status: partial",
        "due: 2027-03-31",
        "3    A.4.3    create     applicable: true",
        "due: 2027-06-01",
        "4    A.6.1.2  create     applicable: false",
        "5    A.6.1.3  create     applicable: false",
        "6    A.4.4    skip       no decision: nothing in column C `Applicable? (Y/N)`",
        "7    A.99.1   skip       unknown control `A.99.1` in column A `Control ID`",
        "8    A.4.2    skip       a duplicate: row 2 already gives A.4.2",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in\n{out}");
    }
    // "N/A" is no status at all: an excluded control takes none.
    let excluded = out
        .lines()
        .skip_while(|l| !l.starts_with("4 "))
        .take_while(|l| !l.starts_with("5 "))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(!excluded.contains("status"), "{excluded}");
    assert!(
        run.stderr
            .contains("4 to create, 0 to update, 0 unchanged, 3 skipped; a dry run, nothing was written: add --write"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("`Control title`"), "{}", run.stderr);
}

#[test]
fn write_imports_the_rows_check_passes_and_a_second_write_changes_nothing() {
    let (ws, files) = setup();
    files.write("soa.csv", SOA_CSV);
    let file = path(&files, "soa.csv");
    let run = ws.cmd(["import", "soa", &file, "--write"]).run();
    run.expect_code(1);
    assert!(
        run.stderr
            .contains("created 4, updated 0, 0 unchanged, 3 skipped"),
        "{}",
        run.stderr
    );
    ws.cmd(["check"]).run().expect_code(0);
    assert_eq!(
        ws.read("soa/A.4.2.yaml"),
        "control: A.4.2\napplicable: true\njustification: |\n  We keep a register of AI resources.\n  It is reviewed quarterly.\nstatus: partial\nowner: Priya Shah\ndue: 2027-03-31\n"
    );
    assert_eq!(
        ws.read("soa/A.6.1.2.yaml"),
        "control: A.6.1.2\napplicable: false\njustification: We develop no AI systems ourselves\n"
    );
    assert!(!ws.join("soa/A.4.4.yaml").exists());
    assert!(!ws.join("soa/A.99.1.yaml").exists());

    let after_first = snapshot(ws.path());
    let run = ws.cmd(["import", "soa", &file, "--write"]).run();
    run.expect_code(1);
    assert_eq!(
        snapshot(ws.path()),
        after_first,
        "a second import changed files"
    );
    assert!(
        run.stdout
            .contains("2    A.4.2    unchanged  the workspace already holds these values"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr
            .contains("created 0, updated 0, 4 unchanged, 3 skipped"),
        "{}",
        run.stderr
    );
}

#[test]
fn existing_values_are_kept_unless_overwrite_which_shows_each_change() {
    let (ws, files) = setup();
    files.write(
        "soa.csv",
        "Ref,Applicability,Rationale,Status,Owner\nA.5.2,Included,Our own words,Partially implemented,Someone Else\n",
    );
    let file = path(&files, "soa.csv");
    let before = snapshot(ws.path());
    let run = ws.cmd(["import", "soa", &file, "--write"]).run();
    run.expect_code(0);
    assert_eq!(snapshot(ws.path()), before, "kept values were replaced");
    assert!(
        run.stdout
            .contains("kept owner: `Daniel Okafor` (the sheet says `Someone Else`)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains("--overwrite replaces them"),
        "{}",
        run.stderr
    );

    let run = ws
        .cmd(["import", "soa", &file, "--write", "--overwrite"])
        .run();
    run.expect_code(0);
    assert!(
        run.stdout
            .contains("A.5.2    update     justification: We deploy an Annex III"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("status: implemented → partial"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("owner: Daniel Okafor → Someone Else"),
        "{}",
        run.stdout
    );
    let entry = ws.read("soa/A.5.2.yaml");
    assert!(entry.contains("owner: Someone Else\n"), "{entry}");
    assert!(entry.contains("justification: Our own words\n"), "{entry}");
    // The evidence the sheet does not speak of is still there.
    assert!(entry.contains("evidence:"), "{entry}");
    ws.cmd(["check"]).run().expect_code(0);
}

#[test]
fn dates_that_read_both_ways_need_date_format() {
    let (ws, files) = setup();
    files.write(
        "soa.csv",
        "Control,Applicable,Justification,Status,Due date\nA.4.2,Y,Needed,Planned,03/04/2027\nA.4.3,Y,Needed,Planned,05/06/2027\n",
    );
    let file = path(&files, "soa.csv");
    let before = snapshot(ws.path());
    let run = ws.cmd(["import", "soa", &file, "--write"]).run();
    run.expect_code(2);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("soa.csv: its dates could be day-first or month-first (e.g. `03/04/2027` (row 2, column E `Due date`))"), "{}", run.stderr);
    assert!(run.stderr.contains("--date-format"), "{}", run.stderr);
    assert_eq!(snapshot(ws.path()), before);

    let run = ws
        .cmd(["import", "soa", &file, "--write", "--date-format", "mdy"])
        .run();
    run.expect_code(0);
    assert!(ws.read("soa/A.4.2.yaml").contains("due: 2027-03-04\n"));
    // One day above 12 settles the order for the whole file.
    files.write(
        "settled.csv",
        "Control,Applicable,Justification,Due date\nA.4.4,Y,Needed,03/04/2027\nA.4.5,Y,Needed,25/12/2027\n",
    );
    let run = ws
        .cmd(["import", "soa", &path(&files, "settled.csv"), "--write"])
        .run();
    run.expect_code(0);
    assert!(ws.read("soa/A.4.4.yaml").contains("due: 2027-04-03\n"));
}

#[test]
fn usage_errors_exit_2_naming_the_file_and_what_to_do() {
    let (ws, files) = setup();
    files.write("soa.csv", SOA_CSV);
    let file = path(&files, "soa.csv");
    let run = ws
        .cmd(["import", "soa", &file, "--map", "Control owner=boss"])
        .run();
    run.expect_code(2);
    assert!(
        run.stderr.contains("--map names the field `boss`"),
        "{}",
        run.stderr
    );
    let run = ws
        .cmd(["import", "soa", &path(&files, "missing.csv")])
        .run();
    run.expect_code(2);
    assert!(
        run.stderr.contains("cannot read") && run.stderr.contains("missing.csv"),
        "{}",
        run.stderr
    );
    files.write("notes.pdf", "x");
    let run = ws.cmd(["import", "soa", &path(&files, "notes.pdf")]).run();
    run.expect_code(2);
    assert!(
        run.stderr.contains("aims reads .csv, .xlsx"),
        "{}",
        run.stderr
    );
    files.write("titles.csv", "Title,Owner\nAI policy,Priya\n");
    let run = ws.cmd(["import", "soa", &path(&files, "titles.csv")]).run();
    run.expect_code(2);
    assert!(
        run.stderr.contains("no column holds a control id"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("--map 'HEADER=control'"),
        "{}",
        run.stderr
    );
}

#[test]
fn map_reads_a_column_under_any_header() {
    let (ws, files) = setup();
    files.write("soa.csv", "Ctl;Decision;Why\nA.4.2;x;Needed for audits\n");
    let run = ws
        .cmd([
            "import",
            "soa",
            &path(&files, "soa.csv"),
            "--map",
            "Ctl=control",
            "--map",
            "Decision=applicable",
            "--map",
            "Why=justification",
            "--write",
        ])
        .run();
    run.expect_code(0);
    assert_eq!(
        ws.read("soa/A.4.2.yaml"),
        "control: A.4.2\napplicable: true\njustification: Needed for audits\n"
    );
}

/// The SoA of `SOA_CSV` as a workbook, its target dates real date cells
/// shown day-first, under a title row.
fn soa_workbook(file: &Path) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    sheet
        .write_string(0, 0, "Statement of Applicability (draft)")
        .expect("cell");
    let header = [
        "Control ID",
        "Applicable? (Y/N)",
        "Justification",
        "Implementation status",
        "Control owner",
        "Target date",
    ];
    for (col, text) in header.iter().enumerate() {
        sheet.write_string(2, col as u16, *text).expect("cell");
    }
    let rows: [[&str; 5]; 6] = [
        [
            "A.4.2",
            "Y",
            "We keep a register.\nReviewed quarterly.",
            "In progress",
            "Priya Shah",
        ],
        [
            "A.6.1.2",
            "No",
            "We develop no AI systems ourselves",
            "N/A",
            "",
        ],
        ["A.4.4", "", "", "", ""],
        ["A.99.1", "Yes", "Invented", "Done", ""],
        ["A.4.2", "N", "Duplicate", "", ""],
        ["A.4.3", "Yes", "Data is catalogued", "Planned", ""],
    ];
    for (i, row) in rows.iter().enumerate() {
        let r = 3 + i as u32;
        for (col, text) in row.iter().enumerate() {
            if !text.is_empty() {
                sheet.write_string(r, col as u16, *text).expect("cell");
            }
        }
    }
    let day = ExcelDateTime::from_ymd(2027, 3, 31).expect("a date");
    sheet
        .write_datetime_with_format(3, 5, &day, &date)
        .expect("cell");
    // Text that looks like a date beside the real one: day-first, settled.
    sheet.write_string(8, 5, "15/07/2027").expect("cell");
    book.save(file).expect("the workbook is written");
}

#[test]
fn a_workbook_imports_like_csv_with_real_date_cells_read_as_dates() {
    let (ws, files) = setup();
    let file = files.join("soa.xlsx");
    soa_workbook(&file);
    let file = file.display().to_string();
    let before = snapshot(ws.path());
    let run = ws.cmd(["import", "soa", &file]).run();
    run.expect_code(1);
    assert_eq!(snapshot(ws.path()), before);
    for expected in [
        "4    A.4.2    create     applicable: true",
        "due: 2027-03-31",
        "5    A.6.1.2  create     applicable: false",
        "6    A.4.4    skip       no decision: nothing in column B `Applicable? (Y/N)`",
        "7    A.99.1   skip       unknown control `A.99.1`",
        "8    A.4.2    skip       a duplicate: row 4 already gives A.4.2",
        "9    A.4.3    create     applicable: true",
        "due: 2027-07-15",
    ] {
        assert!(
            run.stdout.contains(expected),
            "missing {expected:?} in\n{}",
            run.stdout
        );
    }
    let run = ws.cmd(["import", "soa", &file, "--write"]).run();
    run.expect_code(1);
    ws.cmd(["check"]).run().expect_code(0);
    assert_eq!(
        ws.read("soa/A.4.2.yaml"),
        "control: A.4.2\napplicable: true\njustification: |\n  We keep a register.\n  Reviewed quarterly.\nstatus: partial\nowner: Priya Shah\ndue: 2027-03-31\n"
    );
    let after = snapshot(ws.path());
    ws.cmd(["import", "soa", &file, "--write"])
        .run()
        .expect_code(1);
    assert_eq!(snapshot(ws.path()), after);
}

#[test]
fn an_ai_register_becomes_inventory_files_with_ids_from_names() {
    let (ws, files) = setup();
    files.write(
        "register.csv",
        "\u{feff}System name,Supplier,Type,Description,Stage,Business unit,Personal data\r\n\
         HR Helper (v2),Acme Ltd,SaaS,\"Answers HR questions\r\nfor staff\",Live,People,Yes\r\n\
         Candidex Screen CV ranking,Candidex Ltd,Bought,,,,\r\n\
         Forecasting,,In-house,,Pilot,Finance,No\r\n\
         Forecasting!,,,,,,\r\n\
         Rented thing,,Rented,,,,\r\n",
    );
    let file = path(&files, "register.csv");
    let run = ws.cmd(["import", "inventory", &file, "--write"]).run();
    run.expect_code(1);
    for expected in [
        "hr-helper-v2",
        "cv-screening",
        "forecasting",
        "a duplicate: row 4 already gives forecasting",
        "column C `Type`: `Rented` is not one of built, bought, embedded",
    ] {
        assert!(
            run.stdout.contains(expected),
            "missing {expected:?} in\n{}",
            run.stdout
        );
    }
    // The system already in the inventory is found by its name, not added.
    assert!(
        !ws.join("inventory/candidex-screen-cv-ranking.yaml")
            .exists()
    );
    assert_eq!(
        ws.read("inventory/hr-helper-v2.yaml"),
        "id: hr-helper-v2\nname: HR Helper (v2)\ndescription: |\n  Answers HR questions\n  for staff\nsourcing: bought\nvendor: Acme Ltd\nbusiness_unit: People\nlifecycle: operation\npersonal_data: true\n"
    );
    assert!(
        ws.read("inventory/forecasting.yaml")
            .contains("sourcing: built\n")
    );
    ws.cmd(["check"]).run().expect_code(0);
}

#[test]
fn every_row_usable_exits_0() {
    let (ws, files) = setup();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (col, text) in ["Id", "Name", "Vendor", "Next review"].iter().enumerate() {
        sheet.write_string(0, col as u16, *text).expect("cell");
    }
    sheet.write_string(1, 0, "ocr-bot").expect("cell");
    sheet.write_string(1, 1, "OCR bot").expect("cell");
    sheet.write_string(1, 2, "Scan Co").expect("cell");
    let day = ExcelDateTime::from_ymd(2027, 1, 15).expect("a date");
    let date = Format::new().set_num_format("mm/dd/yy");
    sheet
        .write_datetime_with_format(1, 3, &day, &date)
        .expect("cell");
    let file = files.join("register.xlsx");
    book.save(&file).expect("written");
    let run = ws
        .cmd([
            "import",
            "inventory",
            &file.display().to_string(),
            "--write",
        ])
        .run();
    run.expect_code(0);
    assert_eq!(
        ws.read("inventory/ocr-bot.yaml"),
        "id: ocr-bot\nname: OCR bot\nvendor: Scan Co\nnext_review: 2027-01-15\n"
    );
}

#[test]
fn group_headings_are_passed_over_and_an_id_may_come_with_its_title() {
    let (ws, files) = setup();
    files.write(
        "soa.csv",
        "Control,Applicable,Justification\nA.4 Resources for AI systems,,\nA.4.2 Resource documentation,Y,Needed for audits\n",
    );
    let run = ws
        .cmd(["import", "soa", &path(&files, "soa.csv"), "--write"])
        .run();
    run.expect_code(0);
    assert!(
        run.stdout
            .contains("2    A.4      heading    the heading of the group A.4; passed over"),
        "{}",
        run.stdout
    );
    assert!(ws.read("soa/A.4.2.yaml").contains("applicable: true\n"));
    assert!(
        run.stderr
            .contains("created 1, updated 0, 0 unchanged, 0 skipped"),
        "{}",
        run.stderr
    );
}

/// A disk with no room: the first write fails, exits 3 and says where the
/// import stopped; the file it was writing is left as it was.
#[cfg(unix)]
#[test]
fn a_failed_write_stops_the_import_with_exit_3() {
    let (ws, files) = setup();
    files.write("soa.csv", SOA_CSV);
    let before = snapshot(ws.path());
    let run = ws
        .cmd(["import", "soa", &path(&files, "soa.csv"), "--write"])
        .file_size_limit(16)
        .run();
    run.expect_code(3);
    assert!(run.stderr.contains("stopped at row 2"), "{}", run.stderr);
    assert_eq!(snapshot(ws.path()), before);
}

#[test]
fn a_register_on_a_later_sheet_is_read_with_sheet() {
    let (ws, files) = setup();
    let mut book = Workbook::new();
    book.add_worksheet()
        .set_name("Read me")
        .expect("a name")
        .write_string(0, 0, "How to fill in this register")
        .expect("cell");
    let sheet = book.add_worksheet().set_name("AI systems").expect("a name");
    sheet.write_string(0, 0, "System name").expect("cell");
    sheet.write_string(0, 1, "Approved?").expect("cell");
    sheet.write_string(1, 0, "Translator").expect("cell");
    sheet.write_boolean(1, 1, true).expect("cell");
    let file = files.join("register.xlsx");
    book.save(&file).expect("written");
    let file = file.display().to_string();
    let run = ws.cmd(["import", "inventory", &file]).run();
    run.expect_code(2);
    assert!(
        run.stderr
            .contains("choose another with --sheet NAME: `Read me`, `AI systems`"),
        "{}",
        run.stderr
    );
    let run = ws
        .cmd(["import", "inventory", &file, "--sheet", "AI systems"])
        .run();
    run.expect_code(0);
    assert!(
        run.stdout
            .contains("translator  create     name: Translator"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains("left out the columns `Approved?`"),
        "{}",
        run.stderr
    );
}

/// aims's own workbook reads back: its SoA and inventory sheets change
/// nothing in the workspace they came from, and only the undecided
/// controls are skipped.
#[test]
fn the_exported_workbook_imports_back_without_a_change() {
    let (ws, files) = setup();
    let book = path(&files, "pack.xlsx");
    ws.cmd(["export", "--format", "xlsx", "--draft", "-o", &book])
        .run()
        .expect_code(0);
    let before = snapshot(ws.path());
    let run = ws
        .cmd([
            "import",
            "inventory",
            &book,
            "--sheet",
            "AI system inventory",
            "--write",
        ])
        .run();
    run.expect_code(0);
    assert!(
        run.stderr
            .contains("created 0, updated 0, 13 unchanged, 0 skipped"),
        "{}",
        run.stderr
    );
    let run = ws
        .cmd([
            "import",
            "soa",
            &book,
            "--sheet",
            "Statement of Applicability",
            "--write",
        ])
        .run();
    run.expect_code(1);
    assert!(
        run.stderr
            .contains("created 0, updated 0, 52 unchanged, 18 skipped"),
        "{}",
        run.stderr
    );
    let skipped: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.contains(" skip "))
        .collect();
    assert!(
        skipped
            .iter()
            .all(|l| l.contains("no decision: nothing in column D `Decision`")),
        "{skipped:#?}"
    );
    assert!(
        run.stdout.contains("4.2      unchanged  nothing to record"),
        "{}",
        run.stdout
    );
    assert_eq!(snapshot(ws.path()), before);
}

/// An OpenDocument spreadsheet, as LibreOffice saves it: the parts a
/// reader needs, written here since no writer crate makes one.
fn ods(file: &Path, rows: &[&[(&str, Option<&str>)]]) {
    use std::io::Write as _;
    let cell = |(text, date): &(&str, Option<&str>)| match date {
        Some(day) => format!(
            "<table:table-cell office:value-type=\"date\" office:date-value=\"{day}\"><text:p>{text}</text:p></table:table-cell>"
        ),
        None => format!(
            "<table:table-cell office:value-type=\"string\"><text:p>{text}</text:p></table:table-cell>"
        ),
    };
    let body: String = rows
        .iter()
        .map(|row| {
            let cells: String = row.iter().map(cell).collect();
            format!("<table:table-row>{cells}</table:table-row>")
        })
        .collect();
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">\
<office:body><office:spreadsheet><table:table table:name=\"SoA\">{body}</table:table>\
</office:spreadsheet></office:body></office:document-content>"
    );
    let manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">\
<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>\
<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\
</manifest:manifest>";
    let mut zip = zip::ZipWriter::new(std::fs::File::create(file).expect("a file"));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = zip::write::SimpleFileOptions::default();
    zip.start_file("mimetype", stored).expect("a part");
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .expect("written");
    zip.start_file("META-INF/manifest.xml", deflated)
        .expect("a part");
    zip.write_all(manifest.as_bytes()).expect("written");
    zip.start_file("content.xml", deflated).expect("a part");
    zip.write_all(content.as_bytes()).expect("written");
    zip.finish().expect("the zip is closed");
}

#[test]
fn an_ods_spreadsheet_imports_like_csv_with_its_date_cells_read_as_dates() {
    let (ws, files) = setup();
    let file = files.join("soa.ods");
    ods(
        &file,
        &[
            &[
                ("Control ID", None),
                ("Applicable? (Y/N)", None),
                ("Justification", None),
                ("Implementation status", None),
                ("Target date", None),
            ],
            &[
                ("A.4.3", None),
                ("Yes", None),
                ("We build on our own data and the client's.", None),
                ("In progress", None),
                ("31/03/2027", Some("2027-03-31")),
            ],
            &[
                ("A.99.1", None),
                ("Y", None),
                ("x", None),
                ("Done", None),
                ("", None),
            ],
        ],
    );
    let path = file.display().to_string();
    let dry = ws.cmd(["import", "soa", &path]).run();
    dry.expect_code(1);
    assert!(
        dry.stdout.contains("unknown control `A.99.1`"),
        "{}",
        dry.stdout
    );
    let run = ws.cmd(["import", "soa", &path, "--write"]).run();
    run.expect_code(1);
    let entry = ws.read("soa/A.4.3.yaml");
    assert!(entry.contains("applicable: true\n"), "{entry}");
    assert!(entry.contains("status: partial\n"), "{entry}");
    assert!(entry.contains("due: 2027-03-31\n"), "{entry}");
    ws.cmd(["check"]).run().expect_code(0);
}
