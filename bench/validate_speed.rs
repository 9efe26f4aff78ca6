//! Native speed of the createNaturalSca validator (parse + validate), for bench/README.md.
use std::time::Instant;

fn main() {
    let text = r#"{"FirstName":"Joe","LastName":"Bloggs","Email":"joe.bloggs@example.com","UserCategory":"OWNER","TermsAndConditionsAccepted":true,"Birthday":652117514,"Nationality":"FR","CountryOfResidence":"FR","PhoneNumber":"+33611111111","PhoneNumberCountry":"FR","Tag":"bench","Address":{"AddressLine1":"1 rue de la Paix","City":"Paris","PostalCode":"75001","Country":"FR"}}"#;
    let value: serde_json::Value = serde_json::from_str(text).unwrap();
    assert!(mangopay_wasm::validate::create_natural_sca(&value).is_ok());
    let n = 200_000;
    let start = Instant::now();
    for _ in 0..n {
        let v: serde_json::Value = serde_json::from_str(std::hint::black_box(text)).unwrap();
        std::hint::black_box(&v);
    }
    let parse = start.elapsed().as_secs_f64() / n as f64;
    let start = Instant::now();
    for _ in 0..n {
        std::hint::black_box(mangopay_wasm::validate::create_natural_sca(
            std::hint::black_box(&value),
        ));
    }
    let validate = start.elapsed().as_secs_f64() / n as f64;
    println!(
        "parse {:.2} µs, validate {:.2} µs per call",
        parse * 1e6,
        validate * 1e6
    );
}
