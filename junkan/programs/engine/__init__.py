"""The rules of a call for proposals as pure Python (no Django import): the subsidy amount of 様式3,
eligibility rules, report due dates and the program finder. Views, forms, the API and PDFs call these."""
